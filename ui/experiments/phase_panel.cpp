#include "experiments/phase_panel.h"

#include "dae/error.h"
#include "dae/judge.h"
#include "render/plot_image.h"
#include "widgets/image_view.h"

#include <QComboBox>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QSpinBox>
#include <QThread>
#include <QVBoxLayout>

#include <algorithm>

namespace dae::ui {

PhasePanel::PhasePanel(QWidget* parent) : QWidget(parent) {
    judges_keep_compute_threads();  // its runs train their judge in a worker while others compute
    m_levels = new QLineEdit(QStringLiteral("0.3, 0.5, 0.7"), this);
    m_levels->setToolTip(tr("Noise levels σ (or ν) of the grid"));
    m_ks = new QLineEdit(QStringLiteral("1, 2, 3"), this);
    m_ks->setToolTip(tr("Walkback steps k of the grid"));
    m_epochs = new QSpinBox(this);
    m_epochs->setRange(1, 1000);
    m_epochs->setValue(3);
    m_epochs->setSuffix(tr(" epochs"));
    m_epochs->setToolTip(tr("N: epochs of every run of the σ × k grid (Bahdanau & Jaeger §5.3 train 100 … 500)"));
    m_definition = new QComboBox(this);
    m_definition->addItem(tr("paper's definitions"), int(OutcomeDefinition::Paper));
    m_definition->addItem(tr("daelab's definitions"), int(OutcomeDefinition::Daelab));
    m_definition->setToolTip(tr("How the outcomes are counted: the paper's explosion (no pixel > 0.95, Bahdanau & "
                                "Jaeger §6.1) or daelab's (no pixel > 0.35)"));
    m_run = new QPushButton(tr("Compute"), this);
    m_run->setToolTip(
        tr("Train and evaluate one DAE per cell on the current data set (the training lab's other settings)"));
    m_open = new QPushButton(tr("Open grid results…"), this);
    m_open->setToolTip(tr("A folder written by daelab-cli grid (e.g. the paper's Table 1 grid)"));
    m_cancel = new QPushButton(tr("Cancel"), this);
    m_cancel->setEnabled(false);
    m_progress = new QProgressBar(this);
    m_progress->setRange(0, 1000);
    m_progress->setTextVisible(true);
    m_status = new QLabel(tr("What the iterated DAE does with the test digits, over the noise level σ × the walkback "
                             "steps k: one heat map per outcome, each cell the share of the test set."),
                          this);
    m_status->setWordWrap(true);
    m_view = new ImageView(this);
    m_view->setMinimumZoom(1);
    m_view->setZoom(1);  // the maps hold text: 1:1, and the tab's height is the image's (no blank above it)
    // Its width is the tab's, not the image's: the maps are laid out again to fit it (redraw).
    m_view->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    // Two rows, so that a narrow tab shows every control: the grid, then what to do with it.
    auto* grid_row = new QHBoxLayout;
    grid_row->addWidget(new QLabel(tr("σ"), this));
    grid_row->addWidget(m_levels, 1);
    grid_row->addWidget(new QLabel(tr("k"), this));
    grid_row->addWidget(m_ks, 1);
    grid_row->addWidget(m_epochs);
    grid_row->addWidget(m_definition);
    auto* action_row = new QHBoxLayout;
    for (QWidget* w : std::initializer_list<QWidget*>{m_run, m_open, m_cancel})
        action_row->addWidget(w);
    action_row->addWidget(m_progress, 1);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(grid_row);
    layout->addLayout(action_row);
    layout->addWidget(m_status);
    layout->addWidget(m_view, 1);
    connect(m_run, &QPushButton::clicked, this, &PhasePanel::computeFromControls);
    connect(m_cancel, &QPushButton::clicked, this, &PhasePanel::cancel);
    connect(m_definition, &QComboBox::currentIndexChanged, this, &PhasePanel::redraw);
    connect(m_open, &QPushButton::clicked, this, [this] {
        const QString dir = QFileDialog::getExistingDirectory(this, tr("A grid's folder (daelab-cli grid -o …)"));
        QString error;
        if (!dir.isEmpty() && !openGrid(dir, &error)) emit message(error);
    });
    connect(&m_worker, &WorkerThread::idle, this, [this] {
        m_run->setEnabled(true);
        m_cancel->setEnabled(false);
        if (m_planned > 0 && static_cast<int>(m_results.size()) == m_planned)
            m_status->setText(tr("All %1 runs trained and iterated").arg(m_planned));
        emit finished();
    });
}

PhasePanel::~PhasePanel() = default;

QString PhasePanel::statusText() const { return m_status->text(); }

void PhasePanel::cancel() {
    // Regression: "Training and iterating 9 DAEs…" stayed after Cancel.
    if (m_worker.busy())
        m_status->setText(tr("Cancelled after %1 of %2 runs; Compute goes on from there (finished runs are kept)")
                              .arg(m_results.size())
                              .arg(m_planned));
    m_worker.cancel();
}

void PhasePanel::setData(const std::string& dataset_id, SharedSource source) {
    cancel();
    m_dataset = dataset_id;
    m_source = std::move(source);
}

bool PhasePanel::computeFromControls() {
    std::vector<double> levels;
    std::vector<int> ks;
    for (const QString& v : m_levels->text().split(',', Qt::SkipEmptyParts))
        levels.push_back(v.trimmed().toDouble());
    for (const QString& v : m_ks->text().split(',', Qt::SkipEmptyParts))
        ks.push_back(v.trimmed().toInt());
    return compute(levels, ks, m_epochs->value());
}

bool PhasePanel::compute(const std::vector<double>& levels, const std::vector<int>& ks, int epochs) {
    Q_ASSERT(QThread::currentThread() == thread());
    GridSpec grid;
    grid.dataset = m_dataset;
    grid.base = m_base;
    grid.base.epochs = epochs;
    grid.evaluation.iteration.max_steps = 300;  // a quick look: the 75 % rule stops long before
    grid.evaluation.validation = false;         // nothing is selected here: no acc_validation needed
    std::vector<std::string> ls, kss;
    for (double l : levels)
        ls.push_back(QString::number(l).toStdString());
    for (int k : ks)
        kss.push_back(std::to_string(k));
    grid.axes = {{"level", ls}, {"walkback", kss}};
    std::vector<RunSpec> runs;
    try {
        if (levels.empty() || ks.empty()) throw Error("the grid needs at least one level and one k");
        runs = grid.runs();
    } catch (const std::exception& e) {
        emit message(tr("Phase diagram not started: %1").arg(QString::fromStdString(e.what())));
        return false;
    }
    m_folder = std::make_unique<QTemporaryDir>();
    m_results.clear();
    m_run->setEnabled(false);
    m_cancel->setEnabled(true);
    m_status->setText(tr("Training and iterating %1 DAEs of %2 epochs on %3 …")
                          .arg(runs.size())
                          .arg(epochs)
                          .arg(QString::fromStdString(m_dataset)));
    m_worker.cancel();
    m_planned = static_cast<int>(runs.size());
    m_worker.run(
        [this, runs, source = m_source, folder = m_folder->path().toStdString()](const JobContext& ctx) {
            for (std::size_t i = 0; i < runs.size() && !ctx.cancelled(); ++i) {
                ObserverSection section(ctx.observer(), runs[i].id, 0, 1);
                RunResult r = run_experiment(runs[i], *source, folder + "/runs/" + runs[i].id, &section);
                if (ctx.cancelled()) return;
                ctx.deliver([this, r = std::move(r), done = i + 1, total = runs.size()] {  // each run as it is done
                    m_results.push_back(r);
                    m_progress->setValue(static_cast<int>(1000 * done / total));
                    m_progress->setFormat(QStringLiteral("%1 of %2 runs").arg(done).arg(total));
                    redraw();
                });
            }
        },
        [] {}, [this](const QString& why) { emit message(why); });
    return true;
}

bool PhasePanel::openGrid(const QString& folder, QString* error) {
    try {  // into a copy: a folder that cannot be read leaves the diagram shown as it was
        std::vector<RunResult> results = read_runs(folder.toStdString()).runs;
        std::erase_if(results, [](const RunResult& r) { return r.status != "finished"; });
        if (results.empty()) throw Error(folder.toStdString() + ": no finished runs");
        m_results = std::move(results);
    } catch (const std::exception& e) {
        if (error) *error = QString::fromStdString(e.what());
        return false;
    }
    m_status->setText(
        (m_results.size() == 1 ? tr("1 finished run from %1") : tr("%1 finished runs from %2").arg(m_results.size()))
            .arg(folder));
    redraw();
    return true;
}

QImage PhasePanel::image() const { return m_view->image(); }

int PhasePanel::mapsPerRow() const {
    if (m_maps.empty()) return kPhaseMaps;
    return std::clamp((m_view->width() - kTileGap) / (m_maps.front().width() + kTileGap), 1, kPhaseMaps);
}

void PhasePanel::redraw() {
    const auto definition = OutcomeDefinition(m_definition->currentData().toInt());
    m_diagram = phase_diagram(m_results, "level", "walkback", definition);
    m_maps.clear();
    m_per_row = 0;
    if (m_diagram.xs.empty()) return;
    m_maps = render_phase_maps(m_diagram, QString::fromLatin1(outcome_definition_name(definition)));
    m_view->setMinimumWidth(m_maps.front().width() + 2 * kTileGap);  // one map is never cut
    layoutMaps();
}

void PhasePanel::layoutMaps() {
    m_per_row = mapsPerRow();
    m_view->setImage(tile_images(m_maps, m_per_row));
}

void PhasePanel::resizeEvent(QResizeEvent* e) {
    QWidget::resizeEvent(e);
    if (!m_maps.empty() && mapsPerRow() != m_per_row) layoutMaps();  // the same maps, tiled again
}

}  // namespace dae::ui
