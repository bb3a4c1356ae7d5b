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

#include <nlohmann/json.hpp>

#include <cstring>
#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>
#include <string>
#include <string_view>

namespace gs {

namespace {

constexpr char kMagic[8] = {'G', 'S', 'M', 'O', 'D', 'E', 'L', '\0'};
constexpr std::uint32_t kVersion = 1;
constexpr std::size_t kHeaderBytes = 8 + 4 + 4 + 8 * 4;

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

    std::random_device rd;
    const std::string temp = path + ".tmp-" + std::to_string(rd());
    {
        std::ofstream out(temp, std::ios::binary | std::ios::trunc);
        out.write(header.data(), std::streamsize(header.size()));
        out.write(payload.data(), std::streamsize(payload.size()));
        out.flush();
        if (!out) {
            std::error_code ec;
            std::filesystem::remove(temp, ec);
            return Error{path, "cannot write the model file (disk full or no permission?)"};
        }
    }
    std::error_code ec;
    std::filesystem::rename(temp, path, ec);
    if (ec) {
        std::filesystem::remove(temp, ec);
        return Error{path, "cannot replace the model file: " + ec.message()};
    }
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

} // namespace

Result<Model> Model::load(const std::string& path)
{
    std::ifstream in(path, std::ios::binary);
    if (!in)
        return Error{path, "cannot open the model file"};
    std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
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
        impl->module = createVae(impl->config);
        std::istringstream w(bytes.substr(kHeaderBytes + metaBytes, weightBytes));
        torch::serialize::InputArchive archive;
        archive.load_from(w);
        impl->module->load(archive);
        impl->module->eval();
        impl->optimizerState = bytes.substr(kHeaderBytes + metaBytes + weightBytes, optimBytes);
    } catch (const std::exception& e) {
        std::string what = e.what();
        what = what.substr(0, what.find('\n'));
        return Error{path, "model file content is not valid: " + what};
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
    std::ifstream in(path, std::ios::binary);
    if (!in)
        return Error{path, "cannot open the model file"};
    std::error_code ec;
    const std::uint64_t size = std::filesystem::file_size(path, ec);
    std::string head(kHeaderBytes, '\0');
    in.read(head.data(), std::streamsize(kHeaderBytes));
    Result<Sections> sections = readSections(path, std::string_view(head).substr(0, std::size_t(in.gcount())), ec ? 0 : size);
    if (!sections)
        return sections.error();
    const auto [metaBytes, weightBytes, optimBytes, checksum] = sections.value();
    std::string meta(metaBytes, '\0');
    in.read(meta.data(), std::streamsize(metaBytes));
    if (std::uint64_t(in.gcount()) != metaBytes)
        return Error{path, "cannot read the model file's metadata"};
    Model::Impl impl;
    ModelHeader header;
    try {
        if (Status s = readMeta(impl, meta, path); !s)
            return s.error();
        header.parameters = nlohmann::json::parse(meta).value("parameters", std::int64_t(0));
    } catch (const std::exception& e) {
        std::string what = e.what();
        return Error{path, "model file content is not valid: " + what.substr(0, what.find('\n'))};
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
