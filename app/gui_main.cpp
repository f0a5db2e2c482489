// daelab: the GUI. Starts on the full MNIST (or the embedded 10,000 digits when the full set is
// not installed) unless --dataset says otherwise.
//   --screenshot FILE [--screenshot-delay MS]  saves the window to a PNG and exits (docs, CI)
// --help and --version print without a display; without one, daelab says so in one line.
#include "dae/default_data.h"
#include "dae/threads.h"
#include "dae/training.h"
#include "dae/training_options.h"
#include "dynamics/chain_panel.h"
#include "dynamics/dynamics_panel.h"
#include "experiments/atlas_panel.h"
#include "experiments/attractor_panel.h"
#include "experiments/phase_panel.h"
#include "experiments/stacked_panel.h"
#include "experiments/sweep_panel.h"
#include "experiments/toy_panel.h"
#include "guided_tour.h"
#include "main_window.h"
#include "training/settings_model.h"
#include "training/training_lab.h"
#include "training/training_session.h"
#include "widgets/file_output.h"
#include "workspaces.h"

#include <QAction>
#include <QApplication>
#include <QCommandLineParser>
#include <QElapsedTimer>
#include <QIcon>
#include <QMessageBox>
#include <QPushButton>
#include <QScreen>
#include <QTimer>

#include <clocale>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <utility>

namespace {

// Whether a Qt platform can open windows here: an explicit platform, or an X11/Wayland display.
bool display_available() {
    for (const char* v : {"QT_QPA_PLATFORM", "DISPLAY", "WAYLAND_DISPLAY"})
        if (const char* e = std::getenv(v); e && *e) return true;
    return false;
}

// A numeric flag's value, checked before any window opens: nothing starts with a value we ignore.
bool check_number(const QCommandLineParser& parser, const QCommandLineOption& option, long long lo, long long hi) {
    if (!parser.isSet(option)) return true;
    bool ok = false;
    const long long v = parser.value(option).toLongLong(&ok);
    if (ok && v >= lo && v <= hi) return true;
    std::fprintf(stderr, "daelab: --%s: '%s' is not a whole number in %lld … %lld\n", qPrintable(option.names().last()),
                 qPrintable(parser.value(option)), lo, hi);
    return false;
}

}  // namespace

int main(int argc, char** argv) {
    QStringList arguments;
    for (int i = 0; i < argc; ++i)
        arguments << QString::fromLocal8Bit(argv[i]);
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("A laboratory for denoising autoencoders."));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption dataset({QStringLiteral("d"), QStringLiteral("dataset")},
                                     QStringLiteral("Data set to open (see daelab-cli datasets)."),
                                     QStringLiteral("id"), QString::fromStdString(dae::default_dataset_id()));
    const QCommandLineOption screenshot(QStringLiteral("screenshot"),
                                        QStringLiteral("Save the window as a PNG and quit."), QStringLiteral("file"));
    const QCommandLineOption screen_shot(
        QStringLiteral("screenshot-screen"),
        QStringLiteral("Like --screenshot, but the whole screen (window frame and all)."), QStringLiteral("file"));
    const QCommandLineOption delay(QStringLiteral("screenshot-delay"),
                                   QStringLiteral("Milliseconds to wait before the screenshot."), QStringLiteral("ms"),
                                   QStringLiteral("500"));
    const QCommandLineOption start(QStringLiteral("start"), QStringLiteral("Start training at once."));
    const QCommandLineOption threads(
        QStringLiteral("threads"),
        QStringLiteral("Threads for the matrix products (default: the thread policy for the default training "
                       "work, on all cores but one: one thread for small products)."),
        QStringLiteral("n"));
    const QCommandLineOption option(
        QStringLiteral("option"),
        QStringLiteral("A training setting, as daelab-cli train's flags: key=value (repeatable)."),
        QStringLiteral("key=value"));
    const QCommandLineOption exit_when_finished(
        QStringLiteral("exit-when-finished"), QStringLiteral("Quit when the run ends; print its time and samples/s."));
    const QCommandLineOption model_file(QStringLiteral("model"), QStringLiteral("Open this model (.dae or .npz)."),
                                        QStringLiteral("file"));
    const QCommandLineOption tab(
        QStringLiteral("tab"),
        QStringLiteral(
            "Show this workspace or view: Train, Iterate, Explore (Generative chain, Attractors, 2-D playground, Data "
            "set), Experiments (Noise sweep, Stacked DAEs, Phase diagram, Outcome atlas). A flag that fills a view "
            "shows that one otherwise."),
        QStringLiteral("name"));
    const QCommandLineOption iterate_digit(QStringLiteral("iterate"),
                                           QStringLiteral("Iterate this held-out digit in the Dynamics tab."),
                                           QStringLiteral("n"));
    const QCommandLineOption iterate_all(QStringLiteral("iterate-set"),
                                         QStringLiteral("Iterate the whole held-out set in the Dynamics tab."));
    const QCommandLineOption atlas(
        QStringLiteral("atlas"),
        QStringLiteral("When the training run ends, compute the outcome atlas over its epochs."));
    const QCommandLineOption sweep(
        QStringLiteral("sweep"),
        QStringLiteral("Run the noise sweep at once (the Noise sweep tab's levels and epochs)."));
    const QCommandLineOption stacked(
        QStringLiteral("stacked"),
        QStringLiteral("Train and compare stacked DAEs at once (the Stacked DAEs tab's settings)."));
    const QCommandLineOption train_toy(QStringLiteral("train-toy"), QStringLiteral("Train the 2-D toy DAE at once."));
    const QCommandLineOption chain(
        QStringLiteral("chain"),
        QStringLiteral("Run the generative chain from test digit N (once the judge is ready)."), QStringLiteral("n"));
    const QCommandLineOption compare(QStringLiteral("compare"),
                                     QStringLiteral("A second model for the generative chain, run beside."),
                                     QStringLiteral("file"));
    const QCommandLineOption census(
        QStringLiteral("census"),
        QStringLiteral("Take the attractor census of the first N test digits (once the judge is ready)."),
        QStringLiteral("n"));
    const QCommandLineOption phase(
        QStringLiteral("phase"),
        QStringLiteral("Show the phase diagram of a grid's folder (daelab-cli grid -o DIR) or a results.csv."),
        QStringLiteral("dir|csv"));
    const QCommandLineOption tour(QStringLiteral("tour"),
                                  QStringLiteral("Show the guided tour (offered by itself on a first start only; "
                                                 "never with --screenshot)."));
    parser.addOptions({dataset,    screenshot, delay,         start,       threads,   option,      exit_when_finished,
                       model_file, tab,        iterate_digit, iterate_all, train_toy, atlas,       sweep,
                       stacked,    chain,      compare,       census,      phase,     screen_shot, tour});
    parser.addPositionalArgument(QStringLiteral("model"),
                                 QStringLiteral("A model to open (.dae or .npz), as --model does (the desktop "
                                                "entry opens a double-clicked file so)."),
                                 QStringLiteral("[model]"));
    // Parsed before QApplication exists: --help and --version need no display.
    if (!parser.parse(arguments)) {
        std::fprintf(stderr, "daelab: %s (see daelab --help)\n", qPrintable(parser.errorText()));
        return 2;
    }
    if (parser.isSet(QStringLiteral("help"))) {
        // Without a QCoreApplication, Qt cannot know the program's name.
        std::printf("%s", qPrintable(parser.helpText().replace(QStringLiteral("<executable_name>"), "daelab")));
        return 0;
    }
    if (parser.isSet(QStringLiteral("version"))) {
        std::printf("daelab %s\n", DAELAB_VERSION);
        return 0;
    }
    if (!check_number(parser, threads, 1, 1024) || !check_number(parser, iterate_digit, 0, 100000000) ||
        !check_number(parser, chain, 0, 100000000) || !check_number(parser, census, 1, 100000000) ||
        !check_number(parser, delay, 0, 3600000))
        return 2;
    if (parser.positionalArguments().size() > 1 ||
        (parser.positionalArguments().size() == 1 && parser.isSet(model_file))) {
        std::fprintf(stderr, "daelab: one model at most, by --model or as the argument (see daelab --help)\n");
        return 2;
    }
    const QString model_path =
        parser.isSet(model_file) ? parser.value(model_file) : parser.positionalArguments().value(0);
    if (!display_available()) {
        std::fprintf(stderr,
                     "daelab: no display to open a window on (DISPLAY is not set); run it in a desktop session, "
                     "under xvfb-run, or with QT_QPA_PLATFORM=offscreen — daelab-cli needs none\n");
        return 1;
    }
    QApplication app(argc, argv);
    std::setlocale(LC_NUMERIC, "C");  // files are read and written with a decimal point (Qt took the user's locale)
    QApplication::setApplicationName(QStringLiteral("daelab"));
    QApplication::setOrganizationName(QStringLiteral("daelab"));
    QApplication::setApplicationVersion(QStringLiteral(DAELAB_VERSION));
    QApplication::setWindowIcon(
        QIcon::fromTheme(QStringLiteral("daelab"), QIcon(QStringLiteral(":/daelab/daelab-256.png"))));
    QGuiApplication::setDesktopFileName(QStringLiteral("daelab"));
    // The GUI thread keeps a core to itself, so the window stays fluid; the thread policy
    // (dae/threads.h) splits products over the rest only when they are large enough to gain.
    const int cores = dae::usable_cores();
    dae::set_compute_threads(parser.isSet(threads)
                                 ? parser.value(threads).toInt()
                                 : dae::choose_compute_threads(dae::training_work(dae::TrainingConfig{}, 784),
                                                               std::max(1, cores - 1), dae::busy_elsewhere()));

    std::unique_ptr<dae::ui::MainWindow> holder;
    try {
        holder = std::make_unique<dae::ui::MainWindow>(parser.value(dataset).toStdString());
    } catch (const std::exception& e) {
        std::fprintf(stderr, "daelab: %s\n", e.what());
        QMessageBox::critical(nullptr, QStringLiteral("daelab"), QString::fromStdString(e.what()));
        return 1;
    }
    dae::ui::MainWindow& window = *holder;
    if (parser.isSet(option)) {
        dae::TrainingConfig config = window.settingsModel()->config();
        for (const QString& kv : parser.values(option)) {
            std::string why;
            if (!dae::set_training_option(config, kv.section('=', 0, 0).toStdString(), kv.section('=', 1).toStdString(),
                                          &why)) {
                std::fprintf(stderr, "daelab: %s\n", why.c_str());
                return 2;
            }
        }
        window.settingsModel()->setConfig(config);
    }
    window.show();
    if (parser.isSet(tour))
        window.tour()->start();
    else if (!parser.isSet(screenshot) && !parser.isSet(screen_shot))
        window.startTourIfFirstTime();
    QElapsedTimer clock;
    if (parser.isSet(exit_when_finished)) {
        QObject::connect(window.session(), &dae::ui::TrainingSession::stateChanged, &window,
                         [&window, &clock](dae::ui::WorkerState s, const QString& message) {
                             if (s == dae::ui::WorkerState::Running && !clock.isValid()) clock.start();
                             if (s != dae::ui::WorkerState::Finished && s != dae::ui::WorkerState::Diverged) return;
                             const double secs = clock.nsecsElapsed() / 1e9;
                             const auto seen = window.session()->latest().samples_seen;
                             std::fprintf(stderr, "%s: %lld samples in %.2f s: %.0f samples/s %s\n",
                                          dae::ui::worker_state_name(s), static_cast<long long>(seen), secs,
                                          seen / secs, qPrintable(message));
                             QApplication::exit(s == dae::ui::WorkerState::Finished ? 0 : 1);
                         });
    }
    if (!model_path.isEmpty()) {
        QString error;
        if (!window.loadModelFile(model_path, &error)) {
            std::fprintf(stderr, "daelab: %s\n", qPrintable(error));
            return 1;
        }
    }
    // A flag that starts a job or opens results shows its tab (the last such flag on the command line's),
    // unless --tab chooses. (--atlas is not one: it waits for the training to end, which Filters shows.)
    const std::pair<const QCommandLineOption*, const QWidget*> shown[] = {{&iterate_digit, window.dynamicsPanel()},
                                                                          {&iterate_all, window.dynamicsPanel()},
                                                                          {&sweep, window.sweepPanel()},
                                                                          {&stacked, window.stackedPanel()},
                                                                          {&train_toy, window.toyPanel()},
                                                                          {&compare, window.chainPanel()},
                                                                          {&chain, window.chainPanel()},
                                                                          {&census, window.attractorPanel()},
                                                                          {&phase, window.phasePanel()}};
    if (parser.isSet(tab)) {
        if (!window.workspaces()->showNamed(parser.value(tab))) {
            std::fprintf(stderr, "daelab: --tab: no workspace or view '%s' (they are: %s)\n",
                         qPrintable(parser.value(tab)), qPrintable(window.workspaces()->names().join(", ")));
            return 2;
        }
    } else {
        for (const QString& name : parser.optionNames())
            for (const auto& [option, part] : shown)
                if (option->names().contains(name)) window.showTabOf(part);
    }
    if (parser.isSet(iterate_digit) || parser.isSet(iterate_all)) {
        // Once the loaded model's snapshot and the reference classifier have arrived.
        auto* poll = new QTimer(&window);
        const int digit = parser.value(iterate_digit).toInt();
        const bool all = parser.isSet(iterate_all);
        QObject::connect(poll, &QTimer::timeout, &window, [&window, poll, digit, all] {
            auto* d = window.dynamicsPanel();
            if (!window.session()->hasSnapshot() || !d->judgeReady()) return;
            poll->stop();
            if (all) d->iterateSet();
            d->iterateSample(digit);
        });
        poll->start(50);
    }
    if (parser.isSet(atlas)) {
        QObject::connect(
            window.session(), &dae::ui::TrainingSession::stateChanged, &window, [&window](dae::ui::WorkerState s) {
                if (s == dae::ui::WorkerState::Finished || s == dae::ui::WorkerState::Stopped)
                    QTimer::singleShot(0, &window, [&window] { window.atlasPanel()->computeButton()->click(); });
            });
    }
    if (parser.isSet(sweep)) QTimer::singleShot(0, &window, [&window] { window.sweepPanel()->runFromControls(); });
    if (parser.isSet(stacked)) QTimer::singleShot(0, &window, [&window] { window.stackedPanel()->runFromControls(); });
    if (parser.isSet(train_toy)) QTimer::singleShot(0, &window, [&window] { window.toyPanel()->train(); });
    if (parser.isSet(start)) QTimer::singleShot(0, &window, [&window] { window.startAction()->trigger(); });
    if (parser.isSet(compare)) {
        QString error;
        if (!window.chainPanel()->setComparison(parser.value(compare), &error)) {
            std::fprintf(stderr, "daelab: %s\n", qPrintable(error));
            return 1;
        }
    }
    if (parser.isSet(chain) || parser.isSet(census)) {
        // Once the model's snapshot and the judge have arrived.
        auto* poll = new QTimer(&window);
        const int from = parser.value(chain).toInt(), probe = parser.value(census).toInt();
        const bool run_chain = parser.isSet(chain), run_census = parser.isSet(census);
        QObject::connect(poll, &QTimer::timeout, &window, [&window, poll, from, probe, run_chain, run_census] {
            if (!window.session()->hasSnapshot() || !window.dynamicsPanel()->judgeReady()) return;
            poll->stop();
            if (run_chain) window.chainPanel()->startFrom(from);
            if (run_census) window.attractorPanel()->computeCensus(probe);
        });
        poll->start(50);
    }
    if (parser.isSet(phase)) {
        QString error;
        if (!window.phasePanel()->openGrid(parser.value(phase), &error)) {
            std::fprintf(stderr, "daelab: %s\n", qPrintable(error));
            return 1;
        }
    }

    if (parser.isSet(screenshot) || parser.isSet(screen_shot)) {
        // After the delay — or, with --atlas/--sweep/--stacked, as soon as that job has finished
        // (the delay is then a time limit).
        const bool whole_screen = parser.isSet(screen_shot);
        const QString file = whole_screen ? parser.value(screen_shot) : parser.value(screenshot);
        auto shoot = [&window, file, whole_screen, taken = std::make_shared<bool>(false)] {
            if (std::exchange(*taken, true)) return;
            const QPixmap shot = whole_screen ? window.screen()->grabWindow(0) : window.grab();
            std::fprintf(stderr, "window %d × %d at (%d, %d) on a %d × %d screen\n", window.frameGeometry().width(),
                         window.frameGeometry().height(), window.frameGeometry().x(), window.frameGeometry().y(),
                         window.screen()->geometry().width(), window.screen()->geometry().height());
            QString error;
            const bool ok = dae::ui::save_image(shot.toImage(), file, &error);
            std::fprintf(stderr, "%s\n", qPrintable(ok ? "saved " + file : error));
            QApplication::exit(ok ? 0 : 1);
        };
        auto soon = [&window, shoot] { QTimer::singleShot(500, &window, shoot); };
        if (parser.isSet(atlas)) QObject::connect(window.atlasPanel(), &dae::ui::AtlasPanel::finished, &window, soon);
        if (parser.isSet(sweep)) QObject::connect(window.sweepPanel(), &dae::ui::SweepPanel::finished, &window, soon);
        if (parser.isSet(stacked))
            QObject::connect(window.stackedPanel(), &dae::ui::StackedPanel::finished, &window, soon);
        if (parser.isSet(census))
            QObject::connect(window.attractorPanel(), &dae::ui::AttractorPanel::finished, &window, soon);
        QTimer::singleShot(parser.value(delay).toInt(), &window, shoot);
    }
    return QApplication::exec();
}
