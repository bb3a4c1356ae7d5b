// The model file: a fixed header, then three sections (JSON metadata, torch
// weights archive, torch Adam archive). Header, little-endian:
//   magic "GSMODEL\0" | u32 version | u32 reserved | u64 metaBytes | u64 weightBytes
//   | u64 optimizerBytes | u64 FNV-1a 64 of everything after the header
// A file is checked in that order (magic, version, size, checksum) so each
// kind of damage gets its own message.
#include "modelinternal.h"

#include "modelfactory.h"
#include "modelheader.h"
#include "modelstrip.h"

#include "core/atomicfile.h"
#include "core/filereader.h"

#include <nlohmann/json.hpp>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <sstream>
#include <unistd.h>
#include <string>
#include <string_view>

namespace gs {

namespace {

// nlohmann's "[json.exception.type_error.302] type must be number, but is string" without the
// bracket: the file's metadata has a wrong type; the caller names the file.
std::string withoutJsonTag(const std::string& what)
{
    const std::string line = what.substr(0, what.find('\n'));
    const std::size_t at = line.rfind("] ");
    return line.compare(0, 6, "[json.") == 0 && at != std::string::npos ? line.substr(at + 2) : line;
}

constexpr char kMagic[8] = {'G', 'S', 'M', 'O', 'D', 'E', 'L', '\0'};
constexpr std::uint32_t kVersion = 1;
constexpr std::size_t kHeaderBytes = 8 + 4 + 4 + 8 * 4;
constexpr std::uint64_t kMaxModelFileBytes = std::uint64_t(1) << 30;  // bundled models: 1.4-13 MB

std::uint64_t fnv1a(const char* data, std::size_t size, std::uint64_t h = 0xcbf29ce484222325ull)
{
    for (std::size_t i = 0; i < size; ++i) {
        h ^= std::uint8_t(data[i]);
        h *= 0x100000001b3ull;
    }
    return h;
}

template <typename T>
void put(std::string& out, T value)
{
    for (std::size_t i = 0; i < sizeof(T); ++i)
        out.push_back(char((std::uint64_t(value) >> (8 * i)) & 0xff));
}

template <typename T>
T get(const std::string& in, std::size_t at)
{
    std::uint64_t v = 0;
    for (std::size_t i = 0; i < sizeof(T); ++i)
        v |= std::uint64_t(std::uint8_t(in[at + i])) << (8 * i);
    return T(v);
}

nlohmann::json termsJson(const LossTerms& t)
{
    return {{"total", t.total}, {"hits", t.hits}, {"velocity", t.velocity}, {"offset", t.offset}, {"kl", t.kl},
        {"flat", t.flat}};
}

LossTerms termsFrom(const nlohmann::json& j)
{
    return {j.at("total").get<double>(), j.at("hits").get<double>(), j.at("velocity").get<double>(),
        j.at("offset").get<double>(), j.at("kl").get<double>(), j.at("flat").get<double>()};
}

std::string metaJson(const Model& model)
{
    const Model::Impl& m = ModelAccess::impl(model);
    nlohmann::json j;
    j["config"] = nlohmann::json::parse(m.config.toJson());
    j["parameters"] = model.parameterCount();
    nlohmann::json history = nlohmann::json::array();
    for (const EpochRecord& e : m.history) {
        history.push_back({{"epoch", e.epoch}, {"train", termsJson(e.train)}, {"validation", termsJson(e.validation)},
            {"lr", e.learningRate}, {"kl_weight", e.klWeight}, {"seconds", e.seconds},
            {"samples_per_second", e.samplesPerSecond}});
        if (e.precision != "fp32")  // only when set: fp32 files stay byte-identical to earlier versions
            history.back()["precision"] = e.precision;
    }
    j["history"] = history;
    j["metrics"] = m.metrics;
    j["dataset"] = {{"name", m.dataset.name}, {"train_windows", m.dataset.trainWindows},
        {"validation_windows", m.dataset.validationWindows}, {"skipped_windows", m.dataset.skippedWindows},
        {"styles", m.dataset.styles}, {"source_hashes", m.dataset.sourceHashes}};
    return j.dump();
}

Status readMeta(Model::Impl& m, const std::string& text, const std::string& path)
{
    const nlohmann::json j = nlohmann::json::parse(text);
    if (!j.is_object() || !j.contains("config") || !j.contains("history") || !j["history"].is_array()
        || !j.contains("dataset") || !j["dataset"].is_object())
        return Error{path, "model file metadata lacks its config, history or dataset summary"};
    auto config = ModelConfig::fromJson(j.at("config").dump(), path);
    if (!config)
        return config.error();
    m.config = config.value();
    for (const auto& e : j.at("history"))
        m.history.push_back({e.at("epoch").get<int>(), termsFrom(e.at("train")), termsFrom(e.at("validation")),
            e.at("lr").get<double>(), e.at("kl_weight").get<double>(), e.at("seconds").get<double>(),
            e.at("samples_per_second").get<double>(), e.value("precision", std::string("fp32"))});
    m.metrics = j.at("metrics").get<std::map<std::string, double>>();
    const auto& d = j.at("dataset");
    m.dataset.name = d.at("name").get<std::string>();
    m.dataset.trainWindows = d.at("train_windows").get<int>();
    m.dataset.validationWindows = d.at("validation_windows").get<int>();
    m.dataset.skippedWindows = d.at("skipped_windows").get<int>();
    m.dataset.styles = d.at("styles").get<std::map<std::string, int>>();
    m.dataset.sourceHashes = d.at("source_hashes").get<std::vector<std::uint64_t>>();
    return success();
}

} // namespace

Status Model::save(const std::string& path) const
{
    std::string meta, weights;
    try {
        meta = metaJson(*this);
        std::ostringstream w;
        torch::serialize::OutputArchive archive;
        m_impl->module->save(archive);
        archive.save_to(w);
        weights = w.str();
    } catch (const std::exception& e) {
        return Error{path, std::string("cannot serialise the model: ") + e.what()};
    }
    const std::string& optim = m_impl->optimizerState;
    std::string payload = meta + weights + optim;
    std::string header(kMagic, 8);
    put<std::uint32_t>(header, kVersion);
    put<std::uint32_t>(header, 0);
    put<std::uint64_t>(header, meta.size());
    put<std::uint64_t>(header, weights.size());
    put<std::uint64_t>(header, optim.size());
    put<std::uint64_t>(header, fnv1a(payload.data(), payload.size()));

    auto file = AtomicFile::create(path);
    if (!file)
        return file.error();
    if (Status written = (*file)->write(header.data(), header.size()); !written)
        return written;
    if (Status written = (*file)->write(payload.data(), payload.size()); !written)
        return written;
    if (Status committed = (*file)->commit(); !committed)
        return committed;
    return success();
}

namespace {

struct Sections {
    std::uint64_t metaBytes = 0, weightBytes = 0, optimBytes = 0, checksum = 0;
};

// The fixed header's checks, shared by the full load and the header-only read:
// `head` is the file's first bytes (up to kHeaderBytes), `fileSize` its size.
Result<Sections> readSections(const std::string& path, std::string_view head, std::uint64_t fileSize)
{
    const std::size_t got = head.size();
    if (got < 8 || std::memcmp(head.data(), kMagic, 8) != 0)
        return Error{path, got < 8 && std::string_view(kMagic, got) == head
                ? "truncated model file (" + std::to_string(got) + " bytes)"
                : "not a Groovescape model file (wrong magic bytes)"};
    if (got < kHeaderBytes)
        return Error{path, "truncated model file (header incomplete, " + std::to_string(got) + " bytes)"};
    const std::string bytes(head);
    const auto version = get<std::uint32_t>(bytes, 8);
    if (version > kVersion)
        return Error{path, "model file version " + std::to_string(version)
                + " was written by a newer Groovescape (this one reads up to version " + std::to_string(kVersion) + ")"};
    if (version == 0)
        return Error{path, "corrupt model file (version 0)"};
    Sections s{get<std::uint64_t>(bytes, 16), get<std::uint64_t>(bytes, 24), get<std::uint64_t>(bytes, 32),
        get<std::uint64_t>(bytes, 40)};
    const std::uint64_t limit = std::uint64_t(1) << 40;
    if (s.metaBytes > limit || s.weightBytes > limit || s.optimBytes > limit)
        return Error{path, "corrupt model file (impossible section sizes)"};
    const std::uint64_t expected = kHeaderBytes + s.metaBytes + s.weightBytes + s.optimBytes;
    if (fileSize < expected)
        return Error{path, "truncated model file (" + std::to_string(fileSize) + " of " + std::to_string(expected) + " bytes)"};
    if (fileSize > expected)
        return Error{path, "corrupt model file (" + std::to_string(fileSize - expected) + " unexpected trailing bytes)"};
    return s;
}

// A crafted config can describe a model of any size; the weights section must have room for it
// (4 bytes a value) before torch is asked to allocate it.
Status checkWeightRoom(const ModelConfig& config, std::uint64_t weightBytes, const std::string& path)
{
    const std::uint64_t values = config.weightValues();
    if (values > weightBytes / 4)
        return Error{path, "inconsistent model file: its config describes " + std::to_string(values)
                + " weights, but the file holds only " + std::to_string(weightBytes) + " bytes of weights"};
    return success();
}

std::string shapeText(c10::IntArrayRef sizes)
{
    std::string text = "[";
    for (std::size_t i = 0; i < sizes.size(); ++i)
        text += (i ? ", " : "") + std::to_string(sizes[i]);
    return text + "]";
}

// The first tensor the config's module needs that the file lacks or holds with another shape or
// type, named by its path ("hit_out.weight"); "" when every one matches.
std::string firstMismatch(torch::nn::Module& module, torch::serialize::InputArchive& archive, const std::string& prefix)
{
    const auto check = [&](const std::string& name, const torch::Tensor& wanted, bool buffer) -> std::string {
        torch::Tensor stored;
        if (!archive.try_read(name, stored, buffer) || !stored.defined())
            return "tensor " + prefix + name + " is missing";
        if (stored.sizes() != wanted.sizes())
            return "tensor " + prefix + name + " has shape " + shapeText(stored.sizes()) + " in the file; the config needs "
                + shapeText(wanted.sizes());
        if (stored.scalar_type() != wanted.scalar_type())
            return "tensor " + prefix + name + " has the wrong number type";
        return {};
    };
    for (const auto& p : module.named_parameters(false))
        if (std::string bad = check(p.key(), p.value(), false); !bad.empty())
            return bad;
    for (const auto& b : module.named_buffers(false))
        if (std::string bad = check(b.key(), b.value(), true); !bad.empty())
            return bad;
    for (const auto& child : module.named_children()) {
        torch::serialize::InputArchive sub;
        if (!archive.try_read(child.key(), sub))
            return "layer " + prefix + child.key() + " is missing";
        if (std::string bad = firstMismatch(*child.value(), sub, prefix + child.key() + "."); !bad.empty())
            return bad;
    }
    return {};
}

} // namespace

Result<Model> Model::load(const std::string& path)
{
    Result<std::string> read = readWholeFile(path, kMaxModelFileBytes, "model file");
    if (!read)
        return read.error();
    const std::string& bytes = *read;
    Result<Sections> sections = readSections(path, std::string_view(bytes).substr(0, kHeaderBytes), bytes.size());
    if (!sections)
        return sections.error();
    const auto [metaBytes, weightBytes, optimBytes, checksum] = sections.value();
    if (fnv1a(bytes.data() + kHeaderBytes, bytes.size() - kHeaderBytes) != checksum)
        return Error{path, "corrupt model file (checksum mismatch: the file was damaged)"};

    auto impl = std::make_shared<Impl>();
    try {
        if (Status s = readMeta(*impl, bytes.substr(kHeaderBytes, metaBytes), path); !s)
            return s.error();
        if (Status s = checkWeightRoom(impl->config, weightBytes, path); !s)
            return s.error();
        impl->module = createVae(impl->config);
        std::istringstream w(bytes.substr(kHeaderBytes + metaBytes, weightBytes));
        torch::serialize::InputArchive archive;
        archive.load_from(w);
        if (const std::string bad = firstMismatch(*impl->module, archive, ""); !bad.empty())
            return Error{path, "the weights do not match the model's config: " + bad};
        impl->module->load(archive);
        impl->module->eval();
        impl->optimizerState = bytes.substr(kHeaderBytes + metaBytes + weightBytes, optimBytes);
    } catch (const std::exception& e) {
        return Error{path, "model file content is not valid: " + withoutJsonTag(e.what())};
    }
    return Model(impl);
}

Result<StripReport> stripModelFile(const std::string& in, const std::string& out)
{
    Result<Model> model = Model::load(in);
    if (!model)
        return model.error();
    StripReport report;
    std::error_code ec;
    report.bytesBefore = std::filesystem::file_size(in, ec);
    report.optimizerBytes = ModelAccess::impl(model.value()).optimizerState.size();
    ModelAccess::impl(model.value()).optimizerState.clear();
    if (Status saved = model.value().save(out); !saved)
        return saved.error();
    report.bytesAfter = std::filesystem::file_size(out, ec);
    return report;
}

Result<ModelHeader> readModelHeader(const std::string& path)
{
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
    const auto [metaBytes, weightBytes, optimBytes, checksum] = sections.value();
    if (metaBytes > kMaxModelFileBytes)
        return Error{path, "corrupt model file (a metadata section of " + std::to_string(metaBytes) + " bytes)"};
    std::string meta(metaBytes, '\0');
    readAt(meta, kHeaderBytes);
    if (std::uint64_t(meta.size()) != metaBytes)
        return Error{path, "cannot read the model file's metadata"};
    Model::Impl impl;
    ModelHeader header;
    try {
        if (Status s = readMeta(impl, meta, path); !s)
            return s.error();
        if (Status s = checkWeightRoom(impl.config, weightBytes, path); !s)
            return s.error();
        header.parameters = nlohmann::json::parse(meta).value("parameters", std::int64_t(0));
    } catch (const std::exception& e) {
        return Error{path, "model file content is not valid: " + withoutJsonTag(e.what())};
    }
    header.config = impl.config;
    header.history = std::move(impl.history);
    header.metrics = std::move(impl.metrics);
    header.dataset = std::move(impl.dataset);
    header.hasOptimizerState = optimBytes > 0;
    header.fileBytes = size;
    return header;
}

} // namespace gs
