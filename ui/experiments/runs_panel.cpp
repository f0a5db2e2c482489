#include "experiments/runs_panel.h"

#include "experiments/runs_table.h"
#include "render/file_output.h"
#include "widgets/image_view.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSlider>
#include <QSortFilterProxyModel>
#include <QSpinBox>
#include <QSplitter>
#include <QTabWidget>
#include <QTableView>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>
#include <set>

namespace dae::ui {

namespace {

constexpr int kMaxWatched = 256;  // folders watched for new epochs (inotify watches are a shared budget)

}  // namespace

RunsPanel::RunsPanel(QWidget* parent) : QWidget(parent), m_table(new RunsTable(this)) {
    m_proxy = new QSortFilterProxyModel(this);
    m_proxy->setSourceModel(m_table);
    m_proxy->setSortRole(RunsTable::SortRole);
    m_proxy->setFilterKeyColumn(-1);  // any column
    m_proxy->setFilterCaseSensitivity(Qt::CaseInsensitive);
    buildControls();
    connectControls();
    m_reload.setSingleShot(true);
    m_reload.setInterval(1000);
    connect(&m_reload, &QTimer::timeout, this, &RunsPanel::reload);
    connect(&m_watcher, &QFileSystemWatcher::directoryChanged, this, [this] { m_reload.start(); });
}

RunsPanel::~RunsPanel() = default;

void RunsPanel::buildControls() {
    auto* layout = new QVBoxLayout(this);
    auto* intro = new QLabel(tr("Open a grid's folder (<tt>daelab-cli grid -o DIR</tt>), a results.csv or models to "
                                "compare their runs. Select rows to overlay their curves and filters."),
                             this);
    intro->setWordWrap(true);
    layout->addWidget(intro);
    auto* row = new QHBoxLayout;
    m_open = new QPushButton(tr("Open grid or CSV…"), this);
    m_add = new QPushButton(tr("Add models…"), this);
    m_filter = new QLineEdit(this);
    m_filter->setPlaceholderText(tr("Filter: text in any column"));
    m_filter->setClearButtonEnabled(true);
    m_grouped = new QCheckBox(tr("Seeds as mean ± sd"), this);
    m_all = new QCheckBox(tr("All columns"), this);
    m_export = new QPushButton(tr("Export CSV…"), this);
    m_open_lab = new QPushButton(tr("Open in the lab"), this);
    m_open_lab->setToolTip(tr("The first selected run's model, with its learning curves, in the Train workspace"));
    m_filter->setToolTip(tr("Keep the rows with this text in any column (an id, a setting's value, a status)"));
    m_grouped->setToolTip(tr("One row per configuration (every setting that differs but the seed): each result "
                             "as its seeds' mean ± sample sd, as the grid's summary.csv"));
    m_all->setToolTip(tr("Every setting and every result, not only the settings that differ and the main results"));
    for (QWidget* w : std::initializer_list<QWidget*>{m_open, m_add, m_filter, m_grouped, m_all, m_export, m_open_lab})
        row->addWidget(w, w == m_filter ? 1 : 0);
    layout->addLayout(row);
    m_status = new QLabel(tr("No runs open."), this);
    m_status->setWordWrap(true);
    layout->addWidget(m_status);

    auto* split = new QSplitter(Qt::Vertical, this);
    m_view = new QTableView(split);
    m_view->setModel(m_proxy);
    m_view->setSortingEnabled(true);
    m_view->sortByColumn(0, Qt::AscendingOrder);  // by id (or configuration) until a header is clicked
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_view->verticalHeader()->setVisible(false);
    m_view->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    buildCompare(split);
    split->setStretchFactor(0, 2);
    split->setStretchFactor(1, 3);
    split->setSizes({200, 300});  // the pictures get the larger part
    // The page's wrapped labels make the scroll area size it by height-for-width, which adds up size
    // hints (a chart's is its image at zoom 2): the splitter takes what room there is instead, never
    // less than a table and a chart can show.
    split->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Ignored);
    split->setMinimumHeight(360);
    layout->addWidget(split, 1);
}

void RunsPanel::connectControls() {
    connect(m_open, &QPushButton::clicked, this, [this] {
        const QString dir = QFileDialog::getExistingDirectory(this, tr("A grid's folder"));
        if (!dir.isEmpty()) open({dir});
    });
    connect(m_add, &QPushButton::clicked, this, [this] {
        const QStringList files =
            QFileDialog::getOpenFileNames(this, tr("Models or results"), {}, tr("Models and results (*.dae *.csv)"));
        if (!files.isEmpty()) open(files, true);
    });
    connect(m_filter, &QLineEdit::textChanged, this, &RunsPanel::setFilterText);
    connect(m_grouped, &QCheckBox::toggled, this, &RunsPanel::setGrouped);
    connect(m_all, &QCheckBox::toggled, this, [this](bool all) { m_table->setAllColumns(all); });
    connect(m_export, &QPushButton::clicked, this, [this] {
        const QString file =
            QFileDialog::getSaveFileName(this, tr("Export the runs"), QStringLiteral("runs.csv"), tr("CSV (*.csv)"));
        QString error;
        if (!file.isEmpty() && !exportCsv(file, &error)) emit message(error);
    });
    connect(m_open_lab, &QPushButton::clicked, this, [this] {
        for (std::size_t i : selectedRuns())
            if (!m_table->runs()[i].model.empty())
                return emit openModel(QString::fromStdString(m_table->runs()[i].model));
        emit message(tr("None of the selected runs has a model file (yet)."));
    });
    connect(m_view->selectionModel(), &QItemSelectionModel::selectionChanged, this, &RunsPanel::compare);
    connect(m_proxy, &QAbstractItemModel::modelReset, this, &RunsPanel::compare);
    connect(m_curve, &QComboBox::currentIndexChanged, this, [this] { drawCurves(selectedRuns()); });
    connect(m_axis, &QComboBox::currentIndexChanged, this, [this] { drawCurves(selectedRuns()); });
    connect(m_digit, &QSpinBox::valueChanged, this, [this] { drawTrajectories(selectedRuns()); });
    connect(m_step, &QSlider::valueChanged, this, &RunsPanel::showTrajectoryStep);
    for (QComboBox* c : {m_scatter_x, m_scatter_y, m_scatter_colour})
        connect(c, &QComboBox::currentIndexChanged, this, &RunsPanel::drawScatter);
}

void RunsPanel::open(const QStringList& paths, bool add) {
    if (add)
        m_paths += paths;
    else
        m_paths = paths;
    m_paths.removeDuplicates();
    reload();
}

void RunsPanel::reload() {
    m_worker.cancel();
    m_status->setText(tr("Reading %1…").arg(m_paths.join(QStringLiteral(", "))));
    m_worker.run(
        [paths = m_paths](const JobContext& ctx) {
            std::pair<std::vector<CatalogRun>, QStringList> read;  // the runs, the paths that cannot be read
            for (const QString& p : paths) {
                if (ctx.cancelled()) break;
                try {
                    auto some = catalog_runs(p.toStdString());
                    std::move(some.begin(), some.end(), std::back_inserter(read.first));
                } catch (const std::exception& e) {
                    read.second << QString::fromStdString(e.what());
                }
            }
            return read;
        },
        [this](std::pair<std::vector<CatalogRun>, QStringList> read) { showRuns(std::move(read.first), read.second); },
        [this](const QString& why) { emit message(why); });
}

void RunsPanel::showRuns(std::vector<CatalogRun> runs, const QStringList& problems) {
    std::set<std::string> selected;  // kept across a reload, by folder or id
    for (std::size_t i : selectedRuns())
        selected.insert(m_table->runs()[i].source + "/" + m_table->runs()[i].result.id);
    m_read_problems = problems;
    m_table->setRuns(std::move(runs));
    QItemSelection keep;
    for (int r = 0; r < m_proxy->rowCount(); ++r)
        for (std::size_t i : m_table->rowRuns(m_proxy->mapToSource(m_proxy->index(r, 0)).row()))
            if (selected.count(m_table->runs()[i].source + "/" + m_table->runs()[i].result.id))
                keep.select(m_proxy->index(r, 0), m_proxy->index(r, m_proxy->columnCount() - 1));
    m_view->selectionModel()->select(keep, QItemSelectionModel::ClearAndSelect);

    QStringList axes{QStringLiteral("—")};
    for (const auto& s : varying_settings(m_table->runs()))
        axes << QString::fromStdString(s);
    QStringList metrics;
    for (const auto& m : run_metric_names())
        if (std::any_of(m_table->runs().begin(), m_table->runs().end(),
                        [&](const CatalogRun& r) { return std::isfinite(r.result.metric(m)); }))
            metrics << QString::fromStdString(m);
    const QSignalBlocker bx(m_scatter_x), by(m_scatter_y), bc(m_scatter_colour);
    const QString x = m_scatter_x->currentText(), y = m_scatter_y->currentText(), c = m_scatter_colour->currentText();
    m_scatter_x->clear();
    m_scatter_x->addItems(axes.mid(1) + metrics);
    m_scatter_y->clear();
    m_scatter_y->addItems(metrics);
    m_scatter_colour->clear();
    m_scatter_colour->addItems(axes);
    // First shown: the paper's Fig. 5 where the runs have its figures (acc_test against MSE_test, one
    // colour per walkback k), else the first result against the first setting that varies.
    const QString fig5_x = metrics.contains(QStringLiteral("mse_test")) ? QStringLiteral("mse_test") : QString();
    m_scatter_x->setCurrentText(x.isEmpty() ? fig5_x : x);
    m_scatter_y->setCurrentText(y.isEmpty() ? QStringLiteral("acc_test") : y);
    m_scatter_colour->setCurrentText(
        c.isEmpty() ? (axes.contains(QStringLiteral("walkback")) ? QStringLiteral("walkback") : axes.value(1)) : c);
    m_status->setText(statusText());
    watch();
    compare();
    drawScatter();
    emit finished();
}

QString RunsPanel::statusText() const {
    const auto& runs = m_table->runs();
    const auto unfinished =
        std::count_if(runs.begin(), runs.end(), [](const CatalogRun& r) { return r.result.status == "unfinished"; });
    const auto unreadable =
        std::count_if(runs.begin(), runs.end(), [](const CatalogRun& r) { return r.result.status == "unreadable"; });
    QString text = (runs.size() == 1 ? tr("1 run from %1") : tr("%1 runs from %2").arg(runs.size()))
                       .arg(m_paths.join(QStringLiteral(", ")));
    if (unfinished) text += tr("; %1 unfinished").arg(unfinished);
    if (unreadable) text += tr("; %1 unreadable (hover a row for the reason)").arg(unreadable);
    for (const QString& p : m_read_problems)
        text += QStringLiteral("\n") + p;
    return text;
}

void RunsPanel::watch() {
    // The grids' runs/ folders, then the folders of runs without figures (running ones rename their
    // checkpoint every epoch; a folder still being copied may turn readable): running ones first.
    // Only what changed is added or removed, so no change falls between two readings.
    QStringList dirs;
    for (const QString& p : m_paths)
        if (QFileInfo(p + QStringLiteral("/runs")).isDir()) dirs << p + QStringLiteral("/runs");
    std::vector<const CatalogRun*> open;
    for (const CatalogRun& r : m_table->runs())
        if (!r.problem.empty() && !r.folder.empty()) open.push_back(&r);
    std::stable_sort(open.begin(), open.end(),
                     [](const CatalogRun* a, const CatalogRun* b) { return a->epochs_done > b->epochs_done; });
    for (const CatalogRun* r : open)
        if (dirs.size() < kMaxWatched) dirs << QString::fromStdString(r->folder);
    const QStringList watched = m_watcher.directories();
    QStringList gone, added;
    for (const QString& d : watched)
        if (!dirs.contains(d)) gone << d;
    for (const QString& d : dirs)
        if (!watched.contains(d)) added << d;
    if (!gone.isEmpty()) m_watcher.removePaths(gone);
    if (!added.isEmpty()) m_watcher.addPaths(added);
}

void RunsPanel::setFilterText(const QString& text) {
    if (m_filter->text() != text) m_filter->setText(text);
    m_proxy->setFilterFixedString(text);
}

void RunsPanel::setGrouped(bool grouped) {
    if (m_grouped->isChecked() != grouped) m_grouped->setChecked(grouped);
    m_table->setGrouped(grouped);
}

void RunsPanel::selectRows(const std::vector<int>& rows) {
    QItemSelection s;
    for (int r : rows)
        s.select(m_proxy->index(r, 0), m_proxy->index(r, m_proxy->columnCount() - 1));
    m_view->selectionModel()->select(s, QItemSelectionModel::ClearAndSelect);
}

std::vector<std::size_t> RunsPanel::selectedRuns() const {
    std::vector<std::size_t> out;
    QModelIndexList rows = m_view->selectionModel()->selectedRows();
    std::sort(rows.begin(), rows.end(), [](const QModelIndex& a, const QModelIndex& b) { return a.row() < b.row(); });
    for (const QModelIndex& i : rows)
        for (std::size_t r : m_table->rowRuns(m_proxy->mapToSource(i).row()))
            if (std::find(out.begin(), out.end(), r) == out.end()) out.push_back(r);
    return out;
}

}  // namespace dae::ui
