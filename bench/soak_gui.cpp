// Soak test of the window (a measurement, never a pass/fail test; see scripts/soak.sh): the GUI
// trains for a long time while a driver, every few seconds, moves the noise slider, uses it for
// training, pauses, steps, resumes, iterates a test digit, switches workspaces, runs the live 2-D
// playground beside and maps the Landscape (which then follows every epoch) — what a person does.
// It records:
//   - the event loop's lateness: a 20 ms precise timer measures how late each tick comes (an event
//     that waits that long is an answer that comes that late);
//   - how long each driver action blocks the GUI thread;
//   - resident memory (VmRSS) and the replay history's bytes every 10 s.
// It prints the p50/p99/max lateness, the slowest action, and the slope of resident memory after
// warm-up (MB per hour, least squares; warm-up lasts until the replay history first thinned), and
// writes every sample to a CSV.
//   soak_gui [--minutes 30] [--dataset ID] [--csv soak.csv]
#include "dae/default_data.h"
#include "dae/training.h"
#include "dynamics/dynamics_panel.h"
#include "dynamics/landscape_panel.h"
#include "experiments/toy_panel.h"
#include "main_window.h"
#include "training/reconstruction_panel.h"
#include "training/settings_model.h"
#include "training/snapshot_ring.h"
#include "training/training_session.h"
#include "widgets/landscape_view.h"
#include "workspaces.h"

#include <QAction>
#include <QApplication>
#include <QCommandLineParser>
#include <QElapsedTimer>
#include <QFile>
#include <QPushButton>
#include <QSettings>
#include <QSlider>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QThread>
#include <QTimer>

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <random>
#include <string>
#include <vector>

namespace {

double resident_mb() {
    std::ifstream status("/proc/self/status");
    std::string key;
    while (status >> key) {
        if (key == "VmRSS:") {
            double kb = 0;
            status >> kb;
            return kb / 1024.0;
        }
        std::getline(status, key);
    }
    return 0;
}

double percentile(std::vector<double> v, double p) {
    if (v.empty()) return 0;
    std::sort(v.begin(), v.end());
    return v[std::min(v.size() - 1, static_cast<std::size_t>(p * static_cast<double>(v.size())))];
}

// Least-squares slope of y over x.
double slope(const std::vector<double>& x, const std::vector<double>& y) {
    const double n = static_cast<double>(x.size());
    if (n < 2) return 0;
    double sx = 0, sy = 0, sxx = 0, sxy = 0;
    for (std::size_t i = 0; i < x.size(); ++i) {
        sx += x[i];
        sy += y[i];
        sxx += x[i] * x[i];
        sxy += x[i] * y[i];
    }
    return (n * sxy - sx * sy) / (n * sxx - sx * sx);
}

}  // namespace

int main(int argc, char** argv) {
    QApplication app(argc, argv);
    // The window's own thread policy (app/gui_main.cpp): the GUI thread keeps a core to itself.
    dae::set_compute_threads(std::max(1, QThread::idealThreadCount() - 1));
    QCommandLineParser parser;
    parser.addHelpOption();
    const QCommandLineOption minutes("minutes", "How long to run.", "n", "30");
    const QCommandLineOption dataset("dataset", "Data set to train on.", "id",
                                     QString::fromStdString(dae::default_dataset_id()));
    const QCommandLineOption csv("csv", "Samples: time, RSS, replay bytes, lateness p99 of the interval.", "file",
                                 "soak.csv");
    parser.addOptions({minutes, dataset, csv});
    parser.process(app);
    const double total_s = parser.value(minutes).toDouble() * 60;

    QTemporaryDir home;  // a fresh settings store: nothing of the person's own is touched
    QSettings store(home.filePath("daelab.ini"), QSettings::IniFormat);
    store.setValue("training/epochs", "100000");  // trains for the whole soak
    dae::ui::MainWindow w(parser.value(dataset).toStdString(), &store);
    w.setDiscardQuestion([](const QString&) { return QMessageBox::Discard; });
    w.resize(1280, 800);
    w.show();
    w.startAction()->trigger();

    QElapsedTimer clock;
    clock.start();
    std::vector<double> lateness_ms, window_lateness;  // all ticks; ticks since the last sample
    std::vector<std::pair<QString, double>> actions;   // name, ms the GUI thread was blocked
    std::vector<double> times_s, rss_mb, replay_mb;
    std::FILE* out = std::fopen(qPrintable(parser.value(csv)), "w");
    if (!out) {
        std::fprintf(stderr, "soak_gui: %s: cannot write\n", qPrintable(parser.value(csv)));
        return 1;
    }
    std::fprintf(out, "seconds,rss_mb,replay_mb,epoch,samples_seen,lateness_p99_ms,lateness_max_ms\n");

    constexpr int kTickMs = 20;
    QTimer probe;
    probe.setTimerType(Qt::PreciseTimer);
    probe.setInterval(kTickMs);
    qint64 last_tick = clock.nsecsElapsed();
    QObject::connect(&probe, &QTimer::timeout, [&] {
        const qint64 now = clock.nsecsElapsed();
        const double late = std::max(0.0, (now - last_tick) / 1e6 - kTickMs);
        last_tick = now;
        lateness_ms.push_back(late);
        window_lateness.push_back(late);
    });
    probe.start();

    std::mt19937 rng(1);
    int step = 0;
    QTimer driver;
    driver.setInterval(3000);
    QObject::connect(&driver, &QTimer::timeout, [&] {
        QElapsedTimer t;
        t.start();
        QString name;
        switch (step++ % 10) {
        case 0: {
            name = "move the noise slider";
            QSlider* s = w.reconstructions()->slider();
            s->setValue(std::uniform_int_distribution<int>(s->minimum(), s->maximum())(rng));
            break;
        }
        case 1:
            name = "use the preview noise for training";
            w.reconstructions()->useButton()->click();
            break;
        case 2:
            name = "pause";
            w.pauseAction()->trigger();
            break;
        case 3:
            name = "step ×3";
            for (int i = 0; i < 3; ++i)
                w.stepAction()->trigger();
            break;
        case 4:
            name = "resume";
            w.startAction()->trigger();
            break;
        case 5:
            name = "show Iterate, iterate a test digit";
            w.workspaces()->show(dae::ui::Workspaces::Iterate);
            w.dynamicsPanel()->iterateSample(std::uniform_int_distribution<int>(0, 999)(rng));
            break;
        case 6:
            name = "show the replay of an epoch, then live";
            if (w.replayRing().size() > 0) w.showReplay(static_cast<int>(w.replayRing().size() / 2));
            w.showReplay(-1);
            break;
        case 7:
            name = "show Train";
            w.workspaces()->show(dae::ui::Workspaces::Train);
            break;
        case 8:
            // The playground's field redraws a few times a second while its DAE trains; it keeps
            // training (and drawing) from here on, beside the main run.
            name = "show the 2-D playground, running";
            w.workspaces()->showNamed(QStringLiteral("2-D playground"));
            w.toyPanel()->train();
            break;
        case 9:
            // The landscape map of 1,000 test digits, animating, then following every new epoch.
            name = "show the Landscape, mapping and following the model";
            w.showNamed(QStringLiteral("Landscape"));
            w.landscapePanel()->setFollow(true);
            if (!w.landscapePanel()->view()->map()) w.landscapePanel()->map(1000);
            break;
        }
        actions.emplace_back(name, t.nsecsElapsed() / 1e6);
    });
    driver.start();

    QTimer sampler;
    sampler.setInterval(10000);
    QObject::connect(&sampler, &QTimer::timeout, [&] {
        const double s = clock.elapsed() / 1000.0;
        const auto& snap = w.session()->latest();
        times_s.push_back(s);
        rss_mb.push_back(resident_mb());
        replay_mb.push_back(static_cast<double>(w.replayRing().bytes()) / (1 << 20));
        std::fprintf(out, "%.1f,%.1f,%.1f,%d,%lld,%.2f,%.2f\n", s, rss_mb.back(), replay_mb.back(), snap.epoch,
                     static_cast<long long>(snap.samples_seen), percentile(window_lateness, 0.99),
                     percentile(window_lateness, 1.0));
        std::fflush(out);
        window_lateness.clear();
        if (s >= total_s) app.quit();
    });
    sampler.start();
    app.exec();
    std::fclose(out);

    // Warm-up: until the replay history first reached its budget and thinned (its bytes fell), or the
    // first third of the run if it never did. Before that, memory grows by design.
    double warm = total_s / 3;
    for (std::size_t i = 1; i < replay_mb.size(); ++i)
        if (replay_mb[i] < replay_mb[i - 1]) {
            warm = times_s[i];
            break;
        }
    std::vector<double> xs, ys;
    for (std::size_t i = 0; i < times_s.size(); ++i)
        if (times_s[i] >= warm) {
            xs.push_back(times_s[i] / 3600);
            ys.push_back(rss_mb[i]);
        }
    const auto slowest = std::max_element(actions.begin(), actions.end(),
                                          [](const auto& a, const auto& b) { return a.second < b.second; });
    std::vector<double> action_ms;
    for (const auto& a : actions)
        action_ms.push_back(a.second);
    std::printf("soak: %.0f min on %s, %d epochs, %lld samples trained, %zu driver actions\n", total_s / 60,
                qPrintable(parser.value(dataset)), w.session()->latest().epoch,
                static_cast<long long>(w.session()->latest().samples_seen), actions.size());
    std::printf("event-loop lateness over %zu ticks of %d ms: p50 %.2f ms, p99 %.2f ms, max %.1f ms\n",
                lateness_ms.size(), kTickMs, percentile(lateness_ms, 0.5), percentile(lateness_ms, 0.99),
                percentile(lateness_ms, 1.0));
    std::printf("driver actions: p99 %.1f ms; slowest %.1f ms (%s)\n", percentile(action_ms, 0.99),
                slowest == actions.end() ? 0.0 : slowest->second,
                slowest == actions.end() ? "" : qPrintable(slowest->first));
    std::printf("resident memory: %.0f MB at the end (replay history %.0f MB); after warm-up (%.1f min) %+.1f MB/h, "
                "%+.1f MB in all\n",
                rss_mb.empty() ? 0.0 : rss_mb.back(), replay_mb.empty() ? 0.0 : replay_mb.back(), warm / 60,
                slope(xs, ys), ys.empty() ? 0.0 : ys.back() - ys.front());
    w.close();
    return 0;
}
