// The training settings' one schema (dae/training_options.h) reaches every front end: for each
// setting, a value other than its default goes through a CLI flag into a trained model's
// provenance, through a JSON key into a config, through the window's form (a widget with a
// tooltip), and through a model file and back. The walk names no setting (but for shortening the
// CLI's training run): a new entry in the schema is checked by the same walk.
#include "dae/model_io.h"
#include "dae/training_options.h"
#include "process_run.h"
#include "training/settings_model.h"
#include "training/settings_panel.h"
#include "widgets/number_field.h"

#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>
#include <set>

using namespace dae;

namespace {

// Values of `s` other than its value in `c`, in a fixed order: the other choices, or numbers in
// range near it.
std::vector<std::string> alternatives(const TrainingSetting& s, const TrainingConfig& c) {
    std::vector<std::string> out;
    const std::string now = s.get(c);
    if (!s.numeric()) {
        for (const std::string& v : s.choices)
            if (v != now) out.push_back(v);
        return out;
    }
    const OptionRange r = s.range_in(c);
    const double v = s.value(c);
    for (double candidate : {v - s.step, v / 2, v + s.step, v + 1}) {
        if (!r.contains(candidate)) continue;
        TrainingConfig t = c;
        if (s.set(t, format_double(candidate)) && s.get(t) != now) out.push_back(s.get(t));
    }
    return out;
}

// Changes as many settings as possible away from `base` while the whole stays valid, in the
// schema's order (cross-entropy, for example, cannot join a decoder that is not a sigmoid);
// `changed` lists the keys that moved.
TrainingConfig greedily_changed(TrainingConfig base, const std::vector<std::string>& only,
                                std::vector<std::string>* changed) {
    for (const TrainingSetting& s : training_settings()) {
        if (!only.empty() && std::find(only.begin(), only.end(), s.key) == only.end()) continue;
        for (const std::string& v : alternatives(s, base)) {
            TrainingConfig t = base;
            if (s.set(t, v) && t.validate(nullptr, 200)) {
                base = t;
                changed->push_back(s.key);
                break;
            }
        }
    }
    return base;
}

}  // namespace

class TestSettingsSchema : public QObject {
    Q_OBJECT
private slots:
    void everySettingIsDeclaredOnceAndCompletely() {
        std::set<std::string> keys;
        const TrainingConfig defaults;
        for (const TrainingSetting& s : training_settings()) {
            QVERIFY2(keys.insert(s.key).second, s.key);
            QVERIFY2(*s.label && *s.help && *s.group, s.key);
            QVERIFY2(s.get && s.set, s.key);
            QVERIFY2(!alternatives(s, defaults).empty(), s.key);  // every setting can be changed
            // The text form round-trips exactly, and the default itself is valid.
            TrainingConfig c;
            QVERIFY2(s.set(c, s.get(defaults)) && c == defaults, s.key);
            if (s.numeric()) QVERIFY2(s.range_in(defaults).contains(s.value(defaults)), s.key);
            if (s.kind == SettingKind::Choice) {
                for (const std::string& v : s.choices) {
                    QVERIFY2(s.set(c, v) && s.get(c) == v, (std::string(s.key) + "=" + v).c_str());
                }
                QVERIFY(!s.set(c, "no-such-choice"));
            }
        }
        QVERIFY(find_training_setting("walkback-variant"));
        QVERIFY(find_training_setting("order"));
        QVERIFY(!find_training_setting("nonsense"));
    }

    void everySettingReachesTheCliAndTheProvenanceOfItsModel() {
        QTemporaryDir dir;
        const ProcessRun help = run_process(DAELAB_CLI, {"train", "--help"});
        QCOMPARE(help.code, 0);
        // Two runs: as many settings changed at once as stay valid, then those that could not join.
        std::vector<std::string> first, second;
        const TrainingConfig a = greedily_changed(TrainingConfig{}, {}, &first);
        std::vector<std::string> rest;
        for (const TrainingSetting& s : training_settings()) {
            QVERIFY2(help.out.contains(QStringLiteral("--%1 <value>").arg(s.key)), s.key);
            if (std::find(first.begin(), first.end(), s.key) == first.end()) rest.push_back(s.key);
        }
        QVERIFY2(rest.size() <= 2, qPrintable(QString::number(rest.size())));
        const TrainingConfig b = greedily_changed(TrainingConfig{}, rest, &second);
        QCOMPARE(second.size(), rest.size());
        int run = 0;
        for (const TrainingConfig& wanted : {a, b}) {
            TrainingConfig quick = wanted;  // a short run of a small model: the provenance is the point
            quick.epochs = 2;               // still not the default (100)
            quick.model.hidden = 12;
            const QString file = QStringLiteral("m%1.dae").arg(run++);
            QStringList args{"-o", file, "-d", "mnist-10k", "--train-samples", "200", "--validation-samples", "50"};
            args.prepend("train");
            args << "-q"
                 << "--threads"
                 << "1";
            for (const auto& [key, value] : training_options(quick))
                args << QStringLiteral("--%1").arg(QString::fromStdString(key)) << QString::fromStdString(value);
            const ProcessRun r = run_process(DAELAB_CLI, args, dir.path());
            QVERIFY2(r.code == 0, qPrintable(r.err));
            const SavedModel m = load_model(dir.filePath(file).toStdString());
            QVERIFY(m.provenance.settings.has_value());
            const TrainingConfig& got = *m.provenance.settings;
            for (const auto& [key, value] : training_options(quick))
                QCOMPARE(QString::fromStdString(key + "=" + find_training_setting(key)->get(got)),
                         QString::fromStdString(key + "=" + value));
        }
    }

    void everySettingIsAJsonKeyAndAModelFileLine() {
        QTemporaryDir dir;
        const TrainingConfig defaults;
        for (const TrainingSetting& s : training_settings()) {
            for (const std::string& v : alternatives(s, defaults)) {
                TrainingConfig via_json;
                std::string why;
                const std::string text = std::string("{\"") + s.key + "\": \"" + v + "\"}";
                if (!set_training_options_json(via_json, text, "c.json", {}, &why)) {
                    QVERIFY2(why.find(s.key) != std::string::npos, why.c_str());  // refused by name, or
                    continue;
                }
                QCOMPARE(QString::fromStdString(s.get(via_json)), QString::fromStdString(v));
                // A model file records it as train.<key> and reads it back.
                Provenance p;
                p.settings = via_json;
                const auto meta = provenance_to_metadata(p);
                QCOMPARE(QString::fromStdString(meta.at(std::string("train.") + s.key)), QString::fromStdString(v));
                ModelConfig shape = via_json.model;  // the file's weights have the settings' shape
                shape.visible = 4;
                const std::string path = dir.filePath("p.dae").toStdString();
                save_model(path, {Autoencoder(shape), p});
                QVERIFY2(training_options(*load_model(path).provenance.settings) == training_options(via_json), s.key);
                break;
            }
        }
    }

    void everySettingIsAFieldWithATooltipThatSetsIt() {
        ui::SettingsModel model;
        ui::SettingsPanel panel(&model);
        panel.setAdvancedShown(true);
        for (const TrainingSetting& s : training_settings()) {
            QWidget* w = panel.editor(s.key);
            QVERIFY2(w, s.key);
            QVERIFY2(w->toolTip().contains(ui::option_label(s.key)) &&
                         w->toolTip().contains(QString::fromUtf8(s.help).toHtmlEscaped()),
                     s.key);
            const std::vector<std::string> alt = alternatives(s, model.config());
            QVERIFY(!alt.empty());
            const QString v = QString::fromStdString(alt.front());
            if (auto* f = qobject_cast<ui::NumberField*>(w)) {
                f->setText(v);
                emit f->edited();
            } else if (auto* c = qobject_cast<QComboBox*>(w)) {
                c->setCurrentIndex(c->findData(v));
                emit c->activated(c->currentIndex());
            } else if (auto* b = qobject_cast<QCheckBox*>(w)) {
                b->setChecked(v == "true");
            }
            QCOMPARE(QString::fromStdString(s.get(model.config())), v);
        }
        // The walkback variant, one of this project's own results, is chosen in the window.
        QCOMPARE(model.config().walkback_variant, WalkbackVariant::Bengio);
        // The advanced settings fold away; the essentials stay.
        panel.setAdvancedShown(false);
        panel.show();
        QVERIFY(QTest::qWaitForWindowExposed(&panel));
        for (const TrainingSetting& s : training_settings())
            QCOMPARE(panel.editor(s.key)->isVisible(), !s.advanced);
    }
};

QTEST_MAIN(TestSettingsSchema)
#include "tst_settings_schema.moc"
