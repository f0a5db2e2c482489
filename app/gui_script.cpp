#include "gui_script.h"

#include "dae/default_data.h"
#include "dae/training_options.h"
#include "dynamics/chain_panel.h"
#include "dynamics/dynamics_panel.h"
#include "dynamics/judge_keeper.h"
#include "dynamics/landscape_panel.h"
#include "experiments/atlas_panel.h"
#include "experiments/attractor_panel.h"
#include "experiments/phase_panel.h"
#include "experiments/runs_panel.h"
#include "experiments/stacked_panel.h"
#include "experiments/sweep_panel.h"
#include "experiments/toy_panel.h"
#include "guided_tour.h"
#include "main_window.h"
#include "render/file_output.h"
#include "training/settings_model.h"
#include "training/training_session.h"
#include "widgets/draw_canvas.h"
#include "workspaces.h"

#include <QAction>
#include <QApplication>
#include <QElapsedTimer>
#include <QPushButton>
#include <QScreen>
#include <QTimer>

#include <cstdio>
#include <memory>
#include <utility>

namespace dae::app {

namespace {

QCommandLineOption option(const char* name, const char* help, const char* value = nullptr,
                          const char* fallback = nullptr) {
    return value ? QCommandLineOption(QString::fromLatin1(name), QString::fromUtf8(help), QString::fromLatin1(value),
                                      fallback ? QString::fromLatin1(fallback) : QString())
                 : QCommandLineOption(QString::fromLatin1(name), QString::fromUtf8(help));
}

// A numeric flag's value, checked before any window opens: nothing starts with a value we ignore.
bool check_number(const QCommandLineParser& parser, const QCommandLineOption& o, long long lo, long long hi) {
    if (!parser.isSet(o)) return true;
    bool ok = false;
    const long long v = parser.value(o).toLongLong(&ok);
    if (ok && v >= lo && v <= hi) return true;
    std::fprintf(stderr, "daelab: --%s: '%s' is not a whole number in %lld … %lld\n", qPrintable(o.names().last()),
                 qPrintable(parser.value(o)), lo, hi);
    return false;
}

// Calls `then` once the window shows a model and the judge is ready (polled: both come from workers).
void once_judged(ui::MainWindow& window, std::function<void()> then) {
    auto* poll = new QTimer(&window);
    QObject::connect(poll, &QTimer::timeout, &window, [&window, poll, then = std::move(then)] {
        if (!window.session()->hasSnapshot() || !window.judgeKeeper()->ready()) return;
        poll->stop();
        then();
    });
    poll->start(50);
}

}  // namespace

GuiScript::GuiScript()
    : m_dataset({QStringLiteral("d"), QStringLiteral("dataset")},
                QStringLiteral("Data set to open (see daelab-cli datasets)."), QStringLiteral("id"),
                QString::fromStdString(default_dataset_id())),
      m_screenshot(option("screenshot", "Save the window as a PNG and quit.", "file")),
      m_screen_shot(
          option("screenshot-screen", "Like --screenshot, but the whole screen (window frame and all).", "file")),
      m_delay(option("screenshot-delay", "Milliseconds to wait before the screenshot.", "ms", "500")),
      m_start(option("start", "Start training at once.")),
      m_threads(option("threads",
                       "Threads for the matrix products (default: the thread policy for the default training work, on "
                       "all cores but one: one thread for small products).",
                       "n")),
      m_option(
          option("option", "A training setting, as daelab-cli train's flags: key=value (repeatable).", "key=value")),
      m_exit_when_finished(option("exit-when-finished", "Quit when the run ends; print its time and samples/s.")),
      m_model(option("model", "Open this model (.dae or .npz).", "file")),
      m_tab(option(
          "tab",
          "Show this workspace or view: Train (its Loss and Hidden units tabs), Iterate, Explore (Landscape, "
          "Generative chain, Attractors, 2-D "
          "playground, Data set), Experiments (Runs, Noise sweep, Stacked DAEs, Phase diagram, Outcome atlas). A "
          "flag that fills a view shows that one otherwise.",
          "name")),
      m_iterate(option("iterate", "Iterate this held-out digit in the Iterate workspace.", "n")),
      m_iterate_set(option("iterate-set", "Iterate the whole held-out set in the Iterate workspace.")),
      m_edit(option("edit",
                    "Edit held-out digit N in Iterate: its top third covered (a partial occlusion, Bahdanau & Jaeger "
                    "§7), iterated beside the original.",
                    "n")),
      m_atlas(option("atlas", "When the training run ends, compute the outcome atlas over its epochs.")),
      m_sweep(option("sweep", "Run the noise sweep at once (its view's levels and epochs).")),
      m_stacked(option("stacked", "Train and compare stacked DAEs at once (their view's settings).")),
      m_train_toy(option("train-toy", "Run the 2-D playground at once.")),
      m_chain(option("chain", "Run the generative chain from test digit N (once the judge is ready).", "n")),
      m_compare(option("compare", "A second model for the generative chain, run beside.", "file")),
      m_census(
          option("census", "Take the attractor census of the first N test digits (once the judge is ready).", "n")),
      m_landscape(option("landscape",
                         "Map the first N test digits in the Landscape view and play them to their end points (once "
                         "the judge is ready); with --start, map again at every epoch.",
                         "n")),
      m_phase(option("phase", "Show the phase diagram of a grid's folder (daelab-cli grid -o DIR) or a results.csv.",
                     "dir|csv")),
      m_runs(option("runs",
                    "List the runs of a grid's folder, a results.csv or models in the Runs view (may be repeated).",
                    "path")),
      m_runs_group(option("runs-group", "In the Runs view, one row per configuration (seeds as mean ± sd).")),
      m_runs_select(option("runs-select", "In the Runs view, select these rows to compare (e.g. 0,1,2).", "rows")),
      m_runs_view(option("runs-view", "In the Runs view, show this comparison: loss, filters, trajectories or scatter.",
                         "name")),
      m_tour(
          option("tour", "Show the guided tour (offered by itself on a first start only; never with --screenshot).")) {}

void GuiScript::addTo(QCommandLineParser& parser) const {
    parser.addOptions(
        {m_dataset, m_screenshot, m_delay,       m_start,       m_threads,     m_option,    m_exit_when_finished,
         m_model,   m_tab,        m_iterate,     m_iterate_set, m_edit,        m_train_toy, m_atlas,
         m_sweep,   m_stacked,    m_chain,       m_compare,     m_census,      m_landscape, m_phase,
         m_runs,    m_runs_group, m_runs_select, m_runs_view,   m_screen_shot, m_tour});
    parser.addPositionalArgument(QStringLiteral("model"),
                                 QStringLiteral("A model to open (.dae or .npz), as --model does (the desktop entry "
                                                "opens a double-clicked file so)."),
                                 QStringLiteral("[model]"));
}

bool GuiScript::check(const QCommandLineParser& parser) const {
    if (!check_number(parser, m_threads, 1, 1024) || !check_number(parser, m_iterate, 0, 100000000) ||
        !check_number(parser, m_edit, 0, 100000000) || !check_number(parser, m_chain, 0, 100000000) ||
        !check_number(parser, m_census, 1, 100000000) || !check_number(parser, m_landscape, 50, 10000) ||
        !check_number(parser, m_delay, 0, 3600000))
        return false;
    if (parser.positionalArguments().size() > 1 ||
        (parser.positionalArguments().size() == 1 && parser.isSet(m_model))) {
        std::fprintf(stderr, "daelab: one model at most, by --model or as the argument (see daelab --help)\n");
        return false;
    }
    return true;
}

QString GuiScript::dataset(const QCommandLineParser& parser) const { return parser.value(m_dataset); }

int GuiScript::threads(const QCommandLineParser& parser) const {
    return parser.isSet(m_threads) ? parser.value(m_threads).toInt() : 0;
}

bool GuiScript::screenshot(const QCommandLineParser& parser) const {
    return parser.isSet(m_screenshot) || parser.isSet(m_screen_shot);
}

int GuiScript::run(ui::MainWindow& window, const QCommandLineParser& parser) const {
    if (const int code = presetAndOpen(window, parser); code >= 0) return code;
    if (parser.isSet(m_exit_when_finished)) exitWhenFinished(window);
    if (const int code = showAndStart(window, parser); code >= 0) return code;
    whenJudged(window, parser);
    if (screenshot(parser)) shootWhenDone(window, parser);
    return -1;
}

int GuiScript::presetAndOpen(ui::MainWindow& window, const QCommandLineParser& parser) const {
    if (parser.isSet(m_option)) {
        TrainingConfig config = window.settingsModel()->config();
        for (const QString& kv : parser.values(m_option)) {
            std::string why;
            if (!set_training_option(config, kv.section('=', 0, 0).toStdString(), kv.section('=', 1).toStdString(),
                                     &why)) {
                std::fprintf(stderr, "daelab: %s\n", why.c_str());
                return 2;
            }
        }
        window.settingsModel()->setConfig(config);
    }
    window.show();
    if (parser.isSet(m_tour))
        window.tour()->start();
    else if (!screenshot(parser))
        window.startTourIfFirstTime();
    const QString model = parser.isSet(m_model) ? parser.value(m_model) : parser.positionalArguments().value(0);
    if (!model.isEmpty()) {
        QString error;
        if (!window.loadModelFile(model, &error)) {
            std::fprintf(stderr, "daelab: %s\n", qPrintable(error));
            return 1;
        }
    }
    return -1;
}

int GuiScript::showAndStart(ui::MainWindow& window, const QCommandLineParser& parser) const {
    // A flag that starts a job or opens results shows its view (the last such flag's), unless --tab
    // chooses. (--atlas is not one: it waits for the training to end, which Train shows.)
    const std::pair<const QCommandLineOption*, const QWidget*> shown[] = {
        {&m_iterate, window.dynamicsPanel()},    {&m_iterate_set, window.dynamicsPanel()},
        {&m_sweep, window.sweepPanel()},         {&m_stacked, window.stackedPanel()},
        {&m_train_toy, window.toyPanel()},       {&m_compare, window.chainPanel()},
        {&m_chain, window.chainPanel()},         {&m_census, window.attractorPanel()},
        {&m_phase, window.phasePanel()},         {&m_runs, window.runsPanel()},
        {&m_landscape, window.landscapePanel()}, {&m_edit, window.dynamicsPanel()}};
    if (parser.isSet(m_tab)) {
        if (!window.showNamed(parser.value(m_tab))) {
            std::fprintf(stderr, "daelab: --tab: no workspace or view '%s' (they are: %s)\n",
                         qPrintable(parser.value(m_tab)), qPrintable(window.viewNames().join(", ")));
            return 2;
        }
    } else {
        for (const QString& name : parser.optionNames())
            for (const auto& [flag, part] : shown)
                if (flag->names().contains(name)) window.showTabOf(part);
    }
    if (parser.isSet(m_atlas))
        QObject::connect(window.session(), &ui::TrainingSession::stateChanged, &window, [&window](ui::WorkerState s) {
            if (s == ui::WorkerState::Finished || s == ui::WorkerState::Stopped)
                QTimer::singleShot(0, &window, [&window] { window.atlasPanel()->computeButton()->click(); });
        });
    if (parser.isSet(m_sweep)) QTimer::singleShot(0, &window, [&window] { window.sweepPanel()->runFromControls(); });
    if (parser.isSet(m_stacked))
        QTimer::singleShot(0, &window, [&window] { window.stackedPanel()->runFromControls(); });
    if (parser.isSet(m_train_toy)) QTimer::singleShot(0, &window, [&window] { window.toyPanel()->train(); });
    if (parser.isSet(m_start)) QTimer::singleShot(0, &window, [&window] { window.startAction()->trigger(); });
    QString error;
    if (parser.isSet(m_compare) && !window.chainPanel()->setComparison(parser.value(m_compare), &error)) {
        std::fprintf(stderr, "daelab: %s\n", qPrintable(error));
        return 1;
    }
    if (parser.isSet(m_phase) && !window.phasePanel()->openGrid(parser.value(m_phase), &error)) {
        std::fprintf(stderr, "daelab: %s\n", qPrintable(error));
        return 1;
    }
    if (parser.isSet(m_runs)) return openRuns(window, parser);
    return -1;
}

int GuiScript::openRuns(ui::MainWindow& window, const QCommandLineParser& parser) const {
    ui::RunsPanel* runs = window.runsPanel();
    if (parser.isSet(m_runs_view) && !runs->showComparison(parser.value(m_runs_view))) {
        std::fprintf(stderr, "daelab: --runs-view: no comparison '%s' (loss, filters, trajectories, scatter)\n",
                     qPrintable(parser.value(m_runs_view)));
        return 2;
    }
    runs->setGrouped(parser.isSet(m_runs_group));
    std::vector<int> rows;
    for (const QString& r : parser.value(m_runs_select).split(QLatin1Char(','), Qt::SkipEmptyParts))
        rows.push_back(r.toInt());
    QObject::connect(
        runs, &ui::RunsPanel::finished, runs, [runs, rows] { runs->selectRows(rows); }, Qt::SingleShotConnection);
    runs->open(parser.values(m_runs));
    return -1;
}

void GuiScript::whenJudged(ui::MainWindow& window, const QCommandLineParser& parser) const {
    // What needs the model's snapshot and the judge waits for both.
    if (parser.isSet(m_iterate) || parser.isSet(m_iterate_set)) {
        const int digit = parser.value(m_iterate).toInt();
        const bool all = parser.isSet(m_iterate_set);
        once_judged(window, [&window, digit, all] {
            if (all) window.dynamicsPanel()->iterateSet();
            window.dynamicsPanel()->iterateSample(digit);
        });
    }
    if (parser.isSet(m_chain) || parser.isSet(m_census)) {
        const int from = parser.value(m_chain).toInt(), probe = parser.value(m_census).toInt();
        const bool chain = parser.isSet(m_chain), census = parser.isSet(m_census);
        once_judged(window, [&window, from, probe, chain, census] {
            if (chain) window.chainPanel()->startFrom(from);
            if (census) window.attractorPanel()->computeCensus(probe);
        });
    }
    if (parser.isSet(m_edit)) {
        const int digit = parser.value(m_edit).toInt();
        once_judged(window, [&window, digit] {
            ui::DynamicsPanel* d = window.dynamicsPanel();
            if (!d->editDigit(digit)) {
                std::fprintf(stderr, "daelab: --edit: no held-out digit %d\n", digit);
                return;
            }
            d->canvas()->cover(QPointF(0, 0), QPointF(27, 9));
            d->iterateDrawing();
        });
    }
    if (parser.isSet(m_landscape)) {
        const int digits = parser.value(m_landscape).toInt();
        const bool follow = parser.isSet(m_start);  // a run being trained: map every epoch as it comes
        once_judged(window, [&window, digits, follow] {
            window.landscapePanel()->setFollow(follow);
            window.landscapePanel()->map(digits);
        });
    }
}

void GuiScript::shootWhenDone(ui::MainWindow& window, const QCommandLineParser& parser) const {
    // After the delay — or, with --atlas/--sweep/--stacked/--census/--landscape, as soon as that job has finished
    // (the delay is then a time limit).
    const bool whole_screen = parser.isSet(m_screen_shot);
    const QString file = whole_screen ? parser.value(m_screen_shot) : parser.value(m_screenshot);
    auto shoot = [&window, file, whole_screen, taken = std::make_shared<bool>(false)] {
        if (std::exchange(*taken, true)) return;
        const QPixmap shot = whole_screen ? window.screen()->grabWindow(0) : window.grab();
        std::fprintf(stderr, "window %d × %d at (%d, %d) on a %d × %d screen\n", window.frameGeometry().width(),
                     window.frameGeometry().height(), window.frameGeometry().x(), window.frameGeometry().y(),
                     window.screen()->geometry().width(), window.screen()->geometry().height());
        QString error;
        const bool ok = ui::save_image(shot.toImage(), file, &error);
        std::fprintf(stderr, "%s\n", qPrintable(ok ? "saved " + file : error));
        QApplication::exit(ok ? 0 : 1);
    };
    auto soon = [&window, shoot] { QTimer::singleShot(500, &window, shoot); };
    if (parser.isSet(m_atlas)) QObject::connect(window.atlasPanel(), &ui::AtlasPanel::finished, &window, soon);
    if (parser.isSet(m_sweep)) QObject::connect(window.sweepPanel(), &ui::SweepPanel::finished, &window, soon);
    if (parser.isSet(m_stacked)) QObject::connect(window.stackedPanel(), &ui::StackedPanel::finished, &window, soon);
    if (parser.isSet(m_census)) QObject::connect(window.attractorPanel(), &ui::AttractorPanel::finished, &window, soon);
    if (parser.isSet(m_landscape))  // once the digits have arrived at their ends
        QObject::connect(window.landscapePanel(), &ui::LandscapePanel::mapped, &window,
                         [&window, shoot] { QTimer::singleShot(4600, &window, shoot); });
    QTimer::singleShot(parser.value(m_delay).toInt(), &window, shoot);
}

void GuiScript::exitWhenFinished(ui::MainWindow& window) const {
    auto clock = std::make_shared<QElapsedTimer>();
    QObject::connect(window.session(), &ui::TrainingSession::stateChanged, &window,
                     [&window, clock](ui::WorkerState s, const QString& message) {
                         if (s == ui::WorkerState::Running && !clock->isValid()) clock->start();
                         if (s != ui::WorkerState::Finished && s != ui::WorkerState::Diverged) return;
                         const double secs = clock->nsecsElapsed() / 1e9;
                         const auto seen = window.session()->latest().samples_seen;
                         std::fprintf(stderr, "%s: %lld samples in %.2f s: %.0f samples/s %s\n",
                                      ui::worker_state_name(s), static_cast<long long>(seen), secs, seen / secs,
                                      qPrintable(message));
                         QApplication::exit(s == ui::WorkerState::Finished ? 0 : 1);
                     });
}

}  // namespace dae::app
