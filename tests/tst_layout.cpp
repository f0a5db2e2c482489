// Every workspace and view of the window, at the window's first size on a 1280 × 800 screen
// (1152 × 720) and on a 1600 × 1000 one (1440 × 900), with a trained model open and while a model
// trains: no visible widget is cut by its parent, no text is cut or elided (labels, buttons, combo
// boxes, tabs, chart titles and legends), no slider or field is squeezed, no form scrolls sideways.
// And a first start shows few controls with one obvious next action.
#include "dae/model_io.h"
#include "dynamics/dynamics_panel.h"
#include "experiments/phase_panel.h"
#include "experiments/runs_panel.h"
#include "experiments/sweep_panel.h"
#include "layout_audit.h"
#include "main_window.h"
#include "training/training_lab.h"
#include "training/training_session.h"
#include "workspaces.h"

#include <QApplication>
#include <QSettings>
#include <QSignalSpy>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QToolBar>
#include <QToolButton>

using namespace dae;

namespace {

// Every page a person can look at: each workspace, and each view of a workspace that has several.
QStringList audit_every_page(ui::MainWindow& w) {
    QStringList findings;
    ui::Workspaces* spaces = w.workspaces();
    for (int id = 0; id < ui::Workspaces::kCount; ++id) {
        const auto ws = static_cast<ui::Workspaces::Id>(id);
        QTabWidget* views = spaces->views(ws);
        for (int v = 0; v < (views ? views->count() : 1); ++v) {
            spaces->show(ws);
            if (views) views->setCurrentIndex(v);
            QTest::qWait(30);  // layouts settle, charts lay out their plot areas
            QApplication::processEvents();
            const QString where = ui::Workspaces::name(ws) + (views ? " / " + views->tabText(v) : QString());
            for (const QString& f : layout_audit::cut_widgets(&w) + layout_audit::elided_texts(&w) +
                                        layout_audit::squeezed_controls(&w) + layout_audit::sideways_scrolling(&w))
                findings << where + ": " + f;
        }
    }
    return findings;
}

QString model_file(const QTemporaryDir& dir) {
    ModelConfig shape;
    shape.visible = 784;
    shape.hidden = 100;
    Autoencoder model(shape);
    model.initialize(InitScheme::GlorotUniform, 3);
    Provenance p;
    p.dataset = "mnist-10k";
    p.settings = TrainingConfig::bahdanau2014();
    p.settings->model = shape;
    p.epochs_trained = 12;
    p.status = "finished";
    const QString path = dir.filePath("trained.dae");
    save_model(path.toStdString(), {model, p});
    return path;
}

}  // namespace

class TestLayout : public QObject {
    Q_OBJECT
private slots:
    void everyPageFits_data() {
        QTest::addColumn<QSize>("size");
        QTest::addColumn<bool>("training");
        QTest::newRow("1152×720, a trained model") << QSize(1152, 720) << false;
        QTest::newRow("1440×900, a trained model") << QSize(1440, 900) << false;
        QTest::newRow("1152×720, training") << QSize(1152, 720) << true;
        QTest::newRow("1440×900, training") << QSize(1440, 900) << true;
    }
    void everyPageFits() {
        QFETCH(QSize, size);
        QFETCH(bool, training);
        QTemporaryDir dir;
        QSettings settings(dir.filePath("daelab.ini"), QSettings::IniFormat);
        ui::MainWindow w("mnist-10k", &settings);
        w.resize(size);
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        if (training) {
            QSignalSpy snapshots(w.session(), &ui::TrainingSession::snapshot);
            w.startAction()->trigger();
            QTRY_VERIFY_WITH_TIMEOUT(w.session()->hasSnapshot() && w.session()->latest().samples_seen > 0, 20000);
        } else {
            QString error;
            QVERIFY2(w.loadModelFile(model_file(dir), &error), qPrintable(error));
        }
        const QStringList findings = audit_every_page(w);
        if (training) w.stopAction()->trigger();
        QVERIFY2(findings.isEmpty(), qPrintable("\n" + findings.join("\n")));
    }

    void viewsWithResultsFit() {
        // The views with what they draw once there are results — curves with legends, maps — small and quick.
        QTemporaryDir dir;
        QSettings settings(dir.filePath("daelab.ini"), QSettings::IniFormat);
        settings.setValue("training/hidden", "8");
        settings.setValue("training/epochs", "2");
        settings.setValue("training/batch", "100");
        ui::MainWindow w("mnist-10k", &settings);
        w.resize(1152, 720);
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        w.startAction()->trigger();
        QTRY_VERIFY_WITH_TIMEOUT(w.session()->state() == ui::WorkerState::Finished, 30000);
        QSignalSpy sweep(w.sweepPanel(), &ui::SweepPanel::finished);
        QVERIFY(w.sweepPanel()->run({0, 0.25, 0.5}, 1));
        QVERIFY(sweep.wait(60000));
        // The phase diagram of Table 1(a)'s 27 runs (opened: computing one needs a judge, minutes under ASan).
        QString error;
        QVERIFY2(w.phasePanel()->openGrid(
                     QStringLiteral(QT_TESTCASE_SOURCEDIR "/../docs/experiments/table1a-results.csv"), &error),
                 qPrintable(error));
        // The Runs view with the same runs, grouped, three configurations selected.
        QSignalSpy runs(w.runsPanel(), &ui::RunsPanel::finished);
        w.runsPanel()->open({QStringLiteral(QT_TESTCASE_SOURCEDIR "/../docs/experiments/table1a-results.csv")});
        QVERIFY(runs.wait(20000));
        w.runsPanel()->setGrouped(true);
        w.runsPanel()->selectRows({0, 1, 2});
        const QStringList findings = audit_every_page(w);
        QVERIFY2(findings.isEmpty(), qPrintable("\n" + findings.join("\n")));
    }

    void aFirstStartShowsFewControlsAndOneNextAction() {
        QTemporaryDir dir;
        QSettings settings(dir.filePath("daelab.ini"), QSettings::IniFormat);
        ui::MainWindow w("mnist-10k", &settings);
        w.resize(1440, 900);
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        QCOMPARE(w.workspaces()->current(), ui::Workspaces::Train);
        QStringList names;
        const int controls = layout_audit::count_controls(&w, &names);
        QVERIFY2(controls <= 25, qPrintable(QString::number(controls) + ": " + names.join("; ")));
        // The next action: Start, enabled and set apart; the filters say what it will do.
        auto* bar = w.findChild<QToolBar*>("toolbar");
        auto* start = qobject_cast<QToolButton*>(bar->widgetForAction(w.startAction()));
        QVERIFY(start && start->isVisible() && start->isEnabled() && start->font().bold());
        QVERIFY(!bar->widgetForAction(w.pauseAction())->isVisible());
    }
};

QTEST_MAIN(TestLayout)
#include "tst_layout.moc"
