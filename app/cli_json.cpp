#include "cli_json.h"

#include "cli_support.h"
#include "dae/provenance.h"

#include <QJsonDocument>

namespace dae::cli {

QJsonObject json_header(const char* command, const QString& model, const std::string& dataset) {
    QJsonObject o;
    o["format"] = QStringLiteral("daelab-%1/1").arg(QLatin1String(command));
    o["daelab_version"] = QString::fromLatin1(daelab_version());
    if (!model.isEmpty()) o["model"] = model;
    o["dataset"] = QString::fromStdString(dataset);
    return o;
}

namespace {

QJsonObject counts(const OutcomeSummary& s) {
    QJsonObject o;
    for (int i = 0; i < kOutcomeCount; ++i)
        o[QString::fromLatin1(outcome_name(Outcome(i)))] = static_cast<qint64>(s.count(Outcome(i)));
    return o;
}

QJsonObject pixels(const PixelStats& p) {
    return {{"black_fraction", p.black_fraction}, {"white_fraction", p.white_fraction}, {"mean", p.mean}};
}

}  // namespace

QJsonObject json_set(const SetEvaluation& s, Index samples, const EvaluationConfig& config) {
    QJsonObject o;
    o["samples"] = static_cast<qint64>(samples);
    o["steps_run"] = s.iteration.steps_run;
    o["stopping_rule"] = QString::fromLatin1(stopping_rule_name(config.iteration.rule));
    o["definition"] = QString::fromLatin1(outcome_definition_name(config.definition));
    o["outcomes"] = counts(s.summary);
    o["outcomes_paper"] = counts(s.under(OutcomeDefinition::Paper));
    o["outcomes_daelab"] = counts(s.under(OutcomeDefinition::Daelab));
    o["explosions_paper"] = static_cast<qint64>(s.under(OutcomeDefinition::Paper).explosions);
    o["explosions_daelab"] = static_cast<qint64>(s.under(OutcomeDefinition::Daelab).explosions);
    o["explosions_coincide"] = s.summary.explosions_coincide;
    o["explosion_spread"] = s.summary.explosion_spread;
    o["pixels_originals"] = pixels(s.original);
    o["pixels_fixed_points"] = pixels(s.fixed);
    return o;
}

QJsonObject json_settings(const EvaluationConfig& config) {
    QJsonObject o;
    for (const auto& [key, value] : evaluation_options(config))
        o[QString::fromStdString(key)] = QString::fromStdString(value);
    return o;
}

void write_json(const QString& path, const QJsonObject& o) {
    const QByteArray text = QJsonDocument(o).toJson(QJsonDocument::Indented);
    write_text(path, text.toStdString());
}

}  // namespace dae::cli
