// The CLI and the app validate the training settings the same way: for every numeric setting, at
// and just past both ends of its range (and NaN), `groovescape-cli train`'s option parser accepts a
// value exactly when TrainingModel keeps it as written (instead of clamping it) and when
// TrainSettings::problem() finds nothing; a value the CLI refuses is refused in the words of
// problem(). The same for the text choices (model type, KL annealing, ...). The option parser is the
// CLI's own (src/cli/trainsettingsoptions.h), run in-process.
#include "cli/trainsettingsoptions.h"
#include "training/trainingmodel.h"

#include <QtTest/QtTest>

#include <algorithm>
#include <cmath>
#include <optional>
#include <string>
#include <variant>

using namespace gs;

namespace {

struct Field {
    const char* key;
    std::variant<int TrainSettings::*, double TrainSettings::*> member;
};

const std::vector<Field>& numericFields()
{
    static const std::vector<Field> fields = {
        {"latent", &TrainSettings::latent}, {"hidden", &TrainSettings::hidden}, {"beta", &TrainSettings::beta},
        {"free_bits", &TrainSettings::freeBits}, {"kl_warmup", &TrainSettings::klWarmup},
        {"flat_eta", &TrainSettings::flatEta}, {"flat_batch", &TrainSettings::flatBatch},
        {"kappa", &TrainSettings::kappa}, {"lambda_rate", &TrainSettings::lambdaRate},
        {"epochs", &TrainSettings::epochs}, {"batch", &TrainSettings::batch}, {"lr", &TrainSettings::lr},
        {"weight_decay", &TrainSettings::weightDecay}, {"early_stop", &TrainSettings::earlyStop},
        {"clip_norm", &TrainSettings::clipNorm}, {"threads", &TrainSettings::threads},
        {"d_model", &TrainSettings::dModel}, {"heads", &TrainSettings::heads}, {"layers", &TrainSettings::layers},
        {"feed_forward", &TrainSettings::feedForward}, {"decoder_d_model", &TrainSettings::decoderDModel},
        {"decoder_heads", &TrainSettings::decoderHeads}, {"decoder_layers", &TrainSettings::decoderLayers},
        {"decoder_feed_forward", &TrainSettings::decoderFeedForward}, {"dropout", &TrainSettings::dropout},
        {"map_attributes", &TrainSettings::mapAttributes},
    };
    return fields;
}

std::string text(double v)
{
    if (std::isnan(v))
        return "nan";
    std::string s = std::to_string(v);
    s.erase(s.find_last_not_of('0') + 1);
    if (s.back() == '.')
        s.pop_back();
    return s;
}

// What the CLI makes of `--option=value`: nullopt when it accepts it, else its message.
std::optional<std::string> cliRefusal(const std::string& option, const std::string& value)
{
    CLI::App app;
    TrainSettings parsed;
    cli::addTrainSettingsOptions(app, parsed);
    try {
        app.parse(option + "=" + value, false);
        return std::nullopt;
    } catch (const CLI::ParseError& e) {
        return std::string(e.what());
    }
}

// What the app keeps when `wanted` is written over `start`.
TrainSettings appKeeps(const TrainSettings& start, const TrainSettings& wanted)
{
    TrainingModel training;  // settings need no session
    training.setSettings(TrainingSettings(start));
    training.setSettings(TrainingSettings(wanted));
    return training.settings().value();
}

} // namespace

class TestTrainSettingsAgree : public QObject {
    Q_OBJECT

    Session m_session{nullptr};

private Q_SLOTS:
    void everyNumberIsJudgedAlike()
    {
        QCOMPARE(numericFields().size(), trainSettingRanges().size());
        const TrainSettings start = TrainSettings{}.recommendedFor("rhythmvae");
        int tried = 0;
        for (const Field& field : numericFields()) {
            const TrainSettingRange& range = trainSettingRange(field.key);
            const bool integer = std::holds_alternative<int TrainSettings::*>(field.member);
            std::vector<double> probes = {range.low - 1, range.low, (range.low + range.high) / 2, range.high,
                range.high + 1};
            if (integer)
                probes[2] = std::floor(probes[2]);
            else
                probes.push_back(std::nan(""));
            for (const double v : probes) {
                TrainSettings wanted = start;
                std::visit(
                    [&](auto member) { wanted.*member = std::remove_reference_t<decltype(wanted.*member)>(v); },
                    field.member);
                const std::string problem = wanted.problem();
                const std::optional<std::string> refused = cliRefusal(range.option, text(v));
                const bool kept = appKeeps(start, wanted) == wanted;
                const std::string what = std::string(range.option) + " " + text(v);
                QVERIFY2(problem.empty() == !refused.has_value(), qPrintable(QString::fromStdString(what)));
                QVERIFY2(kept == problem.empty(), qPrintable(QString::fromStdString(what)));
                if (refused)  // "--lr: '-1' is out of range (expected 0 to 10)" from both
                    QVERIFY2(refused->find(problem) != std::string::npos,
                        qPrintable(QString::fromStdString(*refused + " / " + problem)));
                ++tried;
            }
        }
        QVERIFY(tried >= 80);
    }

    void everyChoiceIsJudgedAlike()
    {
        struct Choice {
            const char* option;
            std::string TrainSettings::*member;
            const std::vector<std::string>& allowed;
        };
        const std::vector<Choice> choices = {{"--model", &TrainSettings::model, trainModelTypes()},
            {"--input", &TrainSettings::input, inputModeChoices()},
            {"--kl-anneal", &TrainSettings::klAnneal, klAnnealChoices()},
            {"--flat-form", &TrainSettings::flatForm, flatFormChoices()},
            {"--flat-metric", &TrainSettings::flatMetric, flatMetricChoices()},
            {"--precision", &TrainSettings::precision, precisionChoices()}};
        const TrainSettings start = TrainSettings{}.recommendedFor("rhythmvae");
        for (const Choice& choice : choices) {
            std::vector<std::string> values = choice.allowed;
            values.push_back("diffusion");
            values.push_back("RhythmVAE");  // choices are exact
            for (const std::string& value : values) {
                const bool offered = std::find(choice.allowed.begin(), choice.allowed.end(), value) != choice.allowed.end();
                // A new model type brings its recommended values in the app: compare with those.
                TrainSettings wanted = choice.option == std::string("--model") && offered ? start.recommendedFor(value) : start;
                wanted.*choice.member = value;
                const std::string problem = wanted.problem();
                const std::optional<std::string> refused = cliRefusal(choice.option, value);
                const bool kept = appKeeps(start, wanted).*choice.member == value;
                const std::string what = std::string(choice.option) + " '" + value + "'";
                QVERIFY2(problem.empty() == !refused.has_value(), what.c_str());
                QVERIFY2(kept == problem.empty(), what.c_str());
                if (refused)
                    QVERIFY2(refused->find(problem) != std::string::npos, (*refused + " / " + problem).c_str());
            }
        }
    }

    void qmlWritesGoThroughTheSameChecks()
    {
        // QML writes `training.settings.latent = 300` as: read the value, set the property, write it back.
        TrainingModel training;
        training.setSession(&m_session);
        TrainingSettings s = training.settings();
        const QMetaObject& meta = TrainingSettings::staticMetaObject;
        QVERIFY(meta.property(meta.indexOfProperty("latent")).writeOnGadget(&s, 300));
        QVERIFY(meta.property(meta.indexOfProperty("learningRate")).writeOnGadget(&s, 20.0));
        QCOMPARE(s.problem(), QStringLiteral("--latent: '300' is out of range (expected 2 to 256)"));
        training.setSettings(s);
        QCOMPARE(training.settings().latent(), 256);
        QCOMPARE(training.settings().learningRate(), 10.0);
        QVERIFY(training.settings().problem().isEmpty());
        QVERIFY(!training.settings().toJson().isEmpty());
    }
};

QTEST_MAIN(TestTrainSettingsAgree)
#include "tst_trainsettingsagree.moc"
