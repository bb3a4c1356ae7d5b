#include "modelformat.h"

#include <nlohmann/json.hpp>

#include <cstring>

namespace gs::modelformat {

namespace {

constexpr char kMagic[8] = {'G', 'S', 'M', 'O', 'D', 'E', 'L', '\0'};
constexpr std::uint32_t kVersion = 1;

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
    nlohmann::json j = {{"total", t.total}, {"hits", t.hits}, {"velocity", t.velocity}, {"offset", t.offset},
        {"kl", t.kl}, {"flat", t.flat}};
    if (t.latent != 0)  // map models only: other files stay byte-identical to earlier versions
        j["latent"] = t.latent;
    return j;
}

LossTerms termsFrom(const nlohmann::json& j)
{
    return {j.at("total").get<double>(), j.at("hits").get<double>(), j.at("velocity").get<double>(),
        j.at("offset").get<double>(), j.at("kl").get<double>(), j.at("flat").get<double>(),
        j.value("latent", 0.0)};
}

} // namespace

std::uint64_t checksum(const char* data, std::size_t size)
{
    std::uint64_t h = 0xcbf29ce484222325ull;
    for (std::size_t i = 0; i < size; ++i) {
        h ^= std::uint8_t(data[i]);
        h *= 0x100000001b3ull;
    }
    return h;
}

std::string header(const Sections& s)
{
    std::string header(kMagic, 8);
    put<std::uint32_t>(header, kVersion);
    put<std::uint32_t>(header, 0);
    put<std::uint64_t>(header, s.metaBytes);
    put<std::uint64_t>(header, s.weightBytes);
    put<std::uint64_t>(header, s.optimBytes);
    put<std::uint64_t>(header, s.checksum);
    return header;
}

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

Status checkWeightRoom(const ModelConfig& config, std::uint64_t weightBytes, const std::string& path)
{
    const std::uint64_t values = config.weightValues();
    if (values > weightBytes / 4)
        return Error{path, "inconsistent model file: its config describes " + std::to_string(values)
                + " weights, but the file holds only " + std::to_string(weightBytes) + " bytes of weights"};
    return success();
}

std::string metaJson(const ModelHeader& m)
{
    nlohmann::json j;
    j["config"] = nlohmann::json::parse(m.config.toJson());
    j["parameters"] = m.parameters;
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

Status readMeta(ModelHeader& m, const std::string& text, const std::string& path)
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

std::string withoutJsonTag(const std::string& what)
{
    const std::string line = what.substr(0, what.find('\n'));
    const std::size_t at = line.rfind("] ");
    return line.compare(0, 6, "[json.") == 0 && at != std::string::npos ? line.substr(at + 2) : line;
}

} // namespace gs::modelformat
