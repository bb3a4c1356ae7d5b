#include "internal/modelinternal.h"

#include "internal/modelfactory.h"

#include <sstream>

namespace gs {

Model::Model(std::shared_ptr<Impl> impl) : m_impl(std::move(impl)) {}

Result<Model> Model::create(const ModelConfig& config, std::uint64_t seed)
{
    if (const std::string p = config.problem(); !p.empty())
        return Error{"", "model config: " + p};
    auto impl = std::make_shared<Impl>();
    impl->config = config;
    torch::manual_seed(seed);
    impl->module = createVae(config);
    return Model(impl);
}

Model Model::clone() const
{
    auto impl = std::make_shared<Impl>(*m_impl);
    impl->module = createVae(m_impl->config);
    std::stringstream bytes;
    torch::serialize::OutputArchive out;
    m_impl->module->save(out);
    out.save_to(bytes);
    torch::serialize::InputArchive in;
    in.load_from(bytes);
    impl->module->load(in);
    impl->module->train(m_impl->module->is_training());
    return Model(impl);
}

const ModelConfig& Model::config() const { return m_impl->config; }

std::int64_t Model::parameterCount() const
{
    std::int64_t n = 0;
    for (const auto& p : m_impl->module->parameters())
        n += p.numel();
    return n;
}

const std::vector<EpochRecord>& Model::history() const { return m_impl->history; }
void Model::setHistory(std::vector<EpochRecord> history) { m_impl->history = std::move(history); }
void Model::appendEpoch(const EpochRecord& record) { m_impl->history.push_back(record); }
const std::map<std::string, double>& Model::metrics() const { return m_impl->metrics; }
void Model::setMetrics(std::map<std::string, double> metrics) { m_impl->metrics = std::move(metrics); }
const DatasetSummary& Model::datasetSummary() const { return m_impl->dataset; }
void Model::setDatasetSummary(DatasetSummary summary) { m_impl->dataset = std::move(summary); }
bool Model::hasOptimizerState() const { return !m_impl->optimizerState.empty(); }

std::shared_ptr<VaeImpl> module(const Model& model) { return ModelAccess::impl(model).module; }
std::string& optimizerState(Model& model) { return ModelAccess::impl(model).optimizerState; }
const std::string& optimizerState(const Model& model) { return ModelAccess::impl(model).optimizerState; }

} // namespace gs
