// The model file (layout in internal/modelformat.h): Model::save and Model::load,
// which read and write the torch sections, and stripModelFile. readModelHeader,
// torch-free, is in modelheader.cpp.
#include "internal/modelinternal.h"

#include "internal/modelfactory.h"
#include "internal/modelformat.h"
#include "modelstrip.h"

#include "core/atomicfile.h"
#include "core/filereader.h"

#include <filesystem>
#include <sstream>
#include <string>
#include <string_view>

namespace gs {

using namespace modelformat;

namespace {

ModelHeader metaOf(const Model& model)
{
    const Model::Impl& m = ModelAccess::impl(model);
    ModelHeader meta;
    meta.config = m.config;
    meta.parameters = model.parameterCount();
    meta.history = m.history;
    meta.metrics = m.metrics;
    meta.dataset = m.dataset;
    return meta;
}

} // namespace

Status Model::save(const std::string& path) const
{
    std::string meta, weights;
    try {
        meta = metaJson(metaOf(*this));
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
    const std::string header = modelformat::header({meta.size(), weights.size(), optim.size(),
        checksum(payload.data(), payload.size())});

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
    Result<std::string> read = readWholeFile(path, kMaxFileBytes, "model file");
    if (!read)
        return read.error();
    const std::string& bytes = *read;
    Result<Sections> sections = readSections(path, std::string_view(bytes).substr(0, kHeaderBytes), bytes.size());
    if (!sections)
        return sections.error();
    const auto [metaBytes, weightBytes, optimBytes, sum] = sections.value();
    if (modelformat::checksum(bytes.data() + kHeaderBytes, bytes.size() - kHeaderBytes) != sum)
        return Error{path, "corrupt model file (checksum mismatch: the file was damaged)"};

    auto impl = std::make_shared<Impl>();
    try {
        ModelHeader meta;
        if (Status s = readMeta(meta, bytes.substr(kHeaderBytes, metaBytes), path); !s)
            return s.error();
        impl->config = meta.config;
        impl->history = std::move(meta.history);
        impl->metrics = std::move(meta.metrics);
        impl->dataset = std::move(meta.dataset);
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

} // namespace gs
