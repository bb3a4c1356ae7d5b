// readModelHeader: the model file's fixed header and metadata, without torch.
#include "modelheader.h"

#include "core/filereader.h"
#include "internal/modelformat.h"

#include <nlohmann/json.hpp>

#include <cerrno>
#include <unistd.h>

namespace gs {

Result<ModelHeader> readModelHeader(const std::string& path)
{
    using namespace modelformat;
    // Only the fixed header and the metadata: a listing needs no weights.
    Result<int> fd = openRegularFile(path, "model file");
    if (!fd)
        return fd.error();
    struct FdCloser {
        int fd;
        ~FdCloser() { ::close(fd); }
    } closer{*fd};
    const off_t end = ::lseek(*fd, 0, SEEK_END);
    const std::uint64_t size = end > 0 ? std::uint64_t(end) : 0;
    const auto readAt = [&](std::string& out, std::uint64_t at) {
        std::size_t done = 0;
        while (done < out.size()) {
            const ssize_t n = ::pread(*fd, out.data() + done, out.size() - done, off_t(at + done));
            if (n < 0 && errno == EINTR)
                continue;
            if (n <= 0)
                break;
            done += std::size_t(n);
        }
        out.resize(done);
    };
    std::string head(kHeaderBytes, '\0');
    readAt(head, 0);
    Result<Sections> sections = readSections(path, head, size);
    if (!sections)
        return sections.error();
    const auto [metaBytes, weightBytes, optimBytes, sum] = sections.value();
    (void)sum;  // covers the weights: only Model::load verifies it
    if (metaBytes > kMaxFileBytes)
        return Error{path, "corrupt model file (a metadata section of " + std::to_string(metaBytes) + " bytes)"};
    std::string meta(metaBytes, '\0');
    readAt(meta, kHeaderBytes);
    if (std::uint64_t(meta.size()) != metaBytes)
        return Error{path, "cannot read the model file's metadata"};
    ModelHeader header;
    try {
        if (Status s = readMeta(header, meta, path); !s)
            return s.error();
        if (Status s = checkWeightRoom(header.config, weightBytes, path); !s)
            return s.error();
        header.parameters = nlohmann::json::parse(meta).value("parameters", std::int64_t(0));
    } catch (const std::exception& e) {
        return Error{path, "model file content is not valid: " + withoutJsonTag(e.what())};
    }
    header.hasOptimizerState = optimBytes > 0;
    header.fileBytes = size;
    return header;
}

} // namespace gs
