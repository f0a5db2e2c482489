// The Runs view at scale: a grid folder of N runs (1,000 by default; spec.json, a 100-epoch
// curves.csv and result.json each, as the harness writes them) listed, tabled, filtered and 20 of
// its runs' curves overlaid. Prints the median of 5 times of each step; never pass/fail.
//   bench_runs [RUNS]
#include "dae/files.h"
#include "dae/run_catalog.h"
#include "dae/training_options.h"
#include "experiments/runs_table.h"
#include "render/runs_plot.h"

#include <QGuiApplication>
#include <QSortFilterProxyModel>
#include <QTemporaryDir>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <functional>

using namespace dae;

namespace {

double median_ms(const std::function<void()>& step) {
    std::vector<double> t;
    for (int i = 0; i < 5; ++i) {
        const auto t0 = std::chrono::steady_clock::now();
        step();
        t.push_back(std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count());
    }
    std::sort(t.begin(), t.end());
    return t[2];
}

void write_grid(const std::string& dir, int n) {
    for (int i = 0; i < n; ++i) {
        RunSpec spec;
        spec.settings.walkback = 1 + i % 5;
        spec.settings.corruption.level = 0.1 * (1 + (i / 5) % 9);
        spec.settings.seed = static_cast<std::uint64_t>(1 + i / 45);
        spec.id = "run" + std::to_string(i);
        const std::string folder = dir + "/runs/" + spec.id;
        std::filesystem::create_directories(folder);
        write_text_atomic(folder + "/spec.json", spec.to_json());
        std::string csv = curves_csv_header();
        for (int e = 0; e < 100; ++e) {
            EpochReport r;
            r.epoch = e;
            r.train_loss = 20.0 / (1 + e) + i * 1e-3;
            r.validation_loss = r.train_loss + 0.5;
            csv += curves_csv_row(r);
        }
        write_text_atomic(folder + "/curves.csv", csv);
        RunResult r;
        r.id = spec.id;
        r.status = "finished";
        r.settings = training_options(spec.settings);
        for (const std::string& m : run_metric_names())
            r.metrics.emplace_back(m, 0.5 + 1e-4 * i);
        write_text_atomic(folder + "/result.json", r.to_json());
    }
}

}  // namespace

int main(int argc, char** argv) {
    qputenv("QT_QPA_PLATFORM", "offscreen");
    QGuiApplication app(argc, argv);
    const int n = argc > 1 ? std::max(1, std::atoi(argv[1])) : 1000;
    QTemporaryDir dir;
    write_grid(dir.path().toStdString(), n);
    std::vector<CatalogRun> runs;
    const double list = median_ms([&] { runs = catalog_runs(dir.path().toStdString()); });
    ui::RunsTable table;
    QSortFilterProxyModel proxy;
    proxy.setSourceModel(&table);
    proxy.setFilterKeyColumn(-1);
    proxy.setSortRole(ui::RunsTable::SortRole);
    const double tabled = median_ms([&] { table.setRuns(runs); });
    const double grouped = median_ms([&] {
        table.setGrouped(true);
        table.setGrouped(false);
    });
    int shown = 0;
    const double filtered = median_ms([&] {
        proxy.setFilterFixedString(QStringLiteral("run99"));
        shown = proxy.rowCount();
        proxy.setFilterFixedString({});
    });
    Qt::SortOrder order = Qt::AscendingOrder;
    const double sorted = median_ms([&] {
        order = order == Qt::AscendingOrder ? Qt::DescendingOrder : Qt::AscendingOrder;
        proxy.sort(proxy.columnCount() - 1, order);
    });
    std::vector<CatalogRun> twenty(runs.begin(), runs.begin() + std::min<std::ptrdiff_t>(20, std::ssize(runs)));
    QImage image;
    const double overlay =
        median_ms([&] { image = ui::render_runs_curves(ui::runs_curves_plot(twenty, ui::RunCurve::Validation)); });
    std::printf("runs: %d (%zu listed), columns %d\n", n, runs.size(), table.columnCount());
    std::printf("list the folder (catalog_runs)      %8.1f ms\n", list);
    std::printf("build the table (a row per run)     %8.1f ms\n", tabled);
    std::printf("group seeds and ungroup             %8.1f ms\n", grouped);
    std::printf("filter by text, any column (%3d hit) %7.1f ms\n", shown, filtered);
    std::printf("sort by the last column             %8.1f ms\n", sorted);
    std::printf("overlay 20 runs' curves (read+draw) %8.1f ms  (%dx%d)\n", overlay, image.width(), image.height());
    return 0;
}
