#include "experiments/attractor_panel.h"

#include "dae/outcomes.h"
#include "render/file_output.h"
#include "render/tile_image.h"
#include "widgets/image_view.h"
#include "widgets/message_bar.h"
#include "workers/bar_reporter.h"

#include <QChart>
#include <QChartView>
#include <QFile>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineSeries>
#include <QProgressBar>
#include <QPushButton>
#include <QSpinBox>
#include <QSplitter>
#include <QTableWidget>
#include <QTextStream>
#include <QThread>
#include <QVBoxLayout>
#include <QValueAxis>

#include <map>

namespace dae::ui {

namespace {
constexpr int kShown = 40;    // attractors in the table and the image
constexpr int kFollowed = 8;  // attractors drawn over the epochs

// What the attractor is, in the outcomes' words (the paper's explosion; the judge's stain).
QString kind_of(const Attractor& a) {
    const QString what = a.explosion ? QObject::tr("explosion")
                         : a.confidence < OutcomeThresholds::of(OutcomeDefinition::Paper).stain_confidence
                             ? QObject::tr("stain")
                             : QObject::tr("digit");
    return a.radius >= 1 ? what + QObject::tr(", unstable") : what;
}
}  // namespace

AttractorPanel::AttractorPanel(QWidget* parent) : QWidget(parent) {
    m_size = new QSpinBox(this);
    m_size->setRange(10, 100000);
    m_size->setValue(2000);
    m_size->setSuffix(tr(" test digits"));
    m_size->setToolTip(tr("How many test digits to iterate to their fixed points; fixed points closer than 10⁻² "
                          "are one attractor"));
    m_run = new QPushButton(tr("Census of the current model"), this);
    m_over_training = new QPushButton(tr("Over training"), this);
    m_over_training->setToolTip(tr("The census at every epoch snapshot of the replay history: basin sizes by epoch"));
    m_over_training->setEnabled(false);  // until there is a history to take it over
    m_cancel = new QPushButton(tr("Cancel"), this);
    m_cancel->setEnabled(false);
    m_export = new QPushButton(tr("CSV…"), this);
    m_progress = new QProgressBar(this);
    m_progress->setRange(0, 1000);
    m_progress->setTextVisible(true);
    m_summary = new QLabel(
        tr("Every digit is iterated to its fixed point; fixed points closer than 0.01 are one attractor."), this);
    m_summary->setWordWrap(true);
    m_table = new QTableWidget(0, 6, this);
    m_table->setHorizontalHeaderLabels({tr("#"), tr("basin"), tr("judge reads"), tr("labels"), tr("ρ"), tr("kind")});
    const QStringList tips{tr("The attractor, largest basin first"),
                           tr("Test digits that flow into it"),
                           tr("The judge's class of the attractor, and its confidence"),
                           tr("The most frequent label of its basin"),
                           tr("Spectral radius of the Jacobian ∂r/∂x there: stable when < 1"),
                           tr("digit: the judge reads it (≥ 60 %); stain: it cannot; explosion: no pixel above 0.95 "
                              "(the paper's); unstable: ρ ≥ 1")};
    for (int k = 0; k < tips.size(); ++k)
        m_table->horizontalHeaderItem(k)->setToolTip(tips[k]);
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->setWordWrap(false);
    m_table->verticalHeader()->hide();
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_points = new ImageView(this);
    m_points->setMinimumZoom(1);
    m_points->setCaption(tr("the attractors, largest basin first"));
    m_basin = new ImageView(this);
    m_basin->setMinimumZoom(1);
    m_basin->setCaption(tr("inputs that flow into the selected attractor"));
    m_chart = new QChart;
    m_chart->setTitle(tr("Basin sizes by epoch: press Over training"));
    m_chart_view = new QChartView(m_chart, this);
    m_chart_view->setMinimumHeight(200);
    auto* controls = new QHBoxLayout;
    for (QWidget* w : std::initializer_list<QWidget*>{m_size, m_run, m_over_training, m_cancel, m_export})
        controls->addWidget(w);
    controls->addWidget(m_progress, 1);
    auto* left = new QSplitter(Qt::Vertical, this);
    left->addWidget(m_table);
    left->addWidget(m_basin);
    auto* right = new QSplitter(Qt::Vertical, this);
    right->addWidget(m_points);
    right->addWidget(m_chart_view);
    auto* split = new QSplitter(Qt::Horizontal, this);
    split->addWidget(left);
    split->addWidget(right);
    auto* layout = new QVBoxLayout(this);
    m_note = new NoteLabel(this);
    layout->addWidget(m_note);
    layout->addLayout(controls);
    layout->addWidget(m_summary);
    layout->addWidget(split, 1);
    wire();
}

void AttractorPanel::wire() {
    connect(m_run, &QPushButton::clicked, this, [this] { computeCensus(m_size->value()); });
    connect(m_over_training, &QPushButton::clicked, this, [this] { emit historyRequested(m_size->value()); });
    connect(m_cancel, &QPushButton::clicked, this, &AttractorPanel::cancel);
    connect(m_table, &QTableWidget::currentCellChanged, this, [this](int row) { showBasin(row); });
    connect(m_export, &QPushButton::clicked, this, [this] {
        const QString path = QFileDialog::getSaveFileName(this, tr("Save the census"), QStringLiteral("attractors.csv"),
                                                          tr("CSV (*.csv)"));
        QString error;
        if (!path.isEmpty() && !writeCsv(path, &error)) emit message(error);
    });
    connect(&m_worker, &WorkerThread::idle, this, [this] {
        if (!m_cancelled) m_progress->setValue(m_progress->maximum());
        m_progress->setFormat(m_cancelled ? tr("cancelled") : tr("done"));
        m_run->setEnabled(true);
        m_over_training->setEnabled(m_history_available);
        m_cancel->setEnabled(false);
        emit finished();
    });
}

AttractorPanel::~AttractorPanel() = default;

CensusConfig AttractorPanel::config() const { return CensusConfig{}; }

bool AttractorPanel::computeCensus(Index probe) {
    Q_ASSERT(QThread::currentThread() == thread());
    if (m_model.visible() == 0 || m_model.visible() != m_test.dim()) {
        emit message(tr("The census needs a model of this data set: train one or open one"));
        return false;
    }
    m_probe = m_test.head(std::max<Index>(probe, 1));
    m_worker.cancel();
    m_cancelled = false;
    m_run->setEnabled(false);
    m_cancel->setEnabled(true);
    m_worker.run(
        [this, model = m_model, probe = m_probe, judge = m_judge, c = config()](const JobContext& ctx) {
            BarReporter bar(ctx, m_progress);
            Census census = attractor_census(model, probe, judge, c, &bar);
            return census.cancelled ? std::nullopt : std::optional<Census>(std::move(census));
        },
        [this](Census census) {
            m_census = std::move(census);
            showCensus();
        },
        [this](const QString& why) { emit message(tr("The census stopped: %1").arg(why)); });
    return true;
}

bool AttractorPanel::computeHistory(std::vector<std::pair<int, Autoencoder>> snapshots, Index probe) {
    Q_ASSERT(QThread::currentThread() == thread());
    if (snapshots.empty() || m_test.size() == 0) {
        emit message(tr("Nothing to follow yet: train a model first (the census uses its epoch snapshots)"));
        return false;
    }
    m_probe = m_test.head(std::max<Index>(probe, 1));
    m_worker.cancel();
    m_cancelled = false;
    m_over_training->setEnabled(false);
    m_cancel->setEnabled(true);
    m_worker.run(
        [this, s = std::move(snapshots), probe = m_probe, judge = m_judge, c = config()](const JobContext& ctx) {
            std::vector<CensusEpoch> history;
            for (std::size_t i = 0; i < s.size() && !ctx.cancelled(); ++i) {
                BarReporter bar(ctx, m_progress);
                ObserverSection part(&bar, "epoch " + std::to_string(s[i].first), static_cast<double>(i) / s.size(),
                                     static_cast<double>(i + 1) / s.size());
                CensusConfig quick = c;
                quick.spectral_for = 0;  // the radius only for the final census
                CensusEpoch e;
                e.epoch = s[i].first;
                e.census = attractor_census(s[i].second, probe, judge, quick, &part);
                history.push_back(std::move(e));
            }
            if (!ctx.cancelled()) link_epochs(history);
            return history;
        },
        [this](std::vector<CensusEpoch> history) {
            m_history = std::move(history);
            showHistory();
        },
        [this](const QString& why) { emit message(tr("The census over training stopped: %1").arg(why)); });
    return true;
}

void AttractorPanel::showCensus() {
    const Census& c = m_census;
    m_summary->setText(tr("%1 test digits: %2 attractors; %3 did not settle within %4 steps.")
                           .arg(m_probe.size())
                           .arg(c.attractors.size())
                           .arg(c.unsettled)
                           .arg(c.steps_run));
    const int n = std::min<int>(kShown, static_cast<int>(c.attractors.size()));
    m_table->setRowCount(n);
    Matrix tiles = Matrix::Zero(m_probe.dim(), std::max(n, 1));
    for (int i = 0; i < n; ++i) {
        const Attractor& a = c.attractors[static_cast<std::size_t>(i)];
        tiles.col(i) = a.point;
        const QStringList cells{QString::number(i),
                                QString::number(a.basin.size()),
                                QStringLiteral("%1 (%2 %)").arg(a.judged).arg(100.0 * a.confidence, 0, 'f', 0),
                                QString::number(a.majority_label()),
                                a.radius < 0 ? QStringLiteral("–") : QString::number(a.radius, 'f', 3),
                                kind_of(a)};
        for (int k = 0; k < cells.size(); ++k)
            m_table->setItem(i, k, new QTableWidgetItem(cells[k]));
    }
    TileLayout l;
    l.tile_width = m_probe.width;
    l.tile_height = m_probe.height;
    l.columns = 10;
    m_points->setImage(n > 0 ? tiles_image(tiles, l, TileScaling::Fixed01) : QImage());
    if (n > 0) showBasin(0);
}

void AttractorPanel::showBasin(int i) {
    if (i < 0 || i >= static_cast<int>(m_census.attractors.size())) return;
    const Attractor& a = m_census.attractors[static_cast<std::size_t>(i)];
    const Index shown = std::min<Index>(50, static_cast<Index>(a.basin.size()));
    Matrix tiles(m_probe.dim(), shown);
    for (Index k = 0; k < shown; ++k)
        tiles.col(k) = m_probe.samples.col(a.basin[static_cast<std::size_t>(k)]);
    TileLayout l;
    l.tile_width = m_probe.width;
    l.tile_height = m_probe.height;
    l.columns = 10;
    m_basin->setImage(tiles_image(tiles, l, TileScaling::Fixed01));
}

QImage AttractorPanel::basinImage() const { return m_basin->image(); }

void AttractorPanel::showHistory() {
    m_chart->removeAllSeries();
    for (QAbstractAxis* a : m_chart->axes())
        m_chart->removeAxis(a);
    if (m_history.empty()) return;
    // The attractors largest at the last epoch, followed back by their ids.
    std::vector<CensusRow> rows;
    std::vector<int> epochs;
    for (const CensusEpoch& e : m_history) {
        epochs.push_back(e.epoch);
        for (const CensusRow& r : census_rows(e))
            rows.push_back(r);
    }
    const BasinTracks tracks = basin_tracks(rows, kFollowed, epochs);
    auto* x = new QValueAxis;
    x->setTitleText(tr("epoch"));
    x->setLabelFormat(QStringLiteral("%d"));
    auto* y = new QValueAxis;
    y->setTitleText(tr("basin size"));
    m_chart->addAxis(x, Qt::AlignBottom);
    m_chart->addAxis(y, Qt::AlignLeft);
    double top = 1;
    for (std::size_t t = 0; t < tracks.ids.size(); ++t) {
        auto* s = new QLineSeries;
        s->setName(tr("attractor %1").arg(tracks.ids[t]));
        QList<QPointF> points;
        for (std::size_t e = 0; e < tracks.epochs.size(); ++e) {
            const double size = static_cast<double>(tracks.sizes[t][e]);
            points.append({static_cast<double>(tracks.epochs[e]), size});
            top = std::max(top, size);
        }
        s->replace(points);
        m_chart->addSeries(s);
        s->attachAxis(x);
        s->attachAxis(y);
    }
    m_chart->setTitle(tr("Basin sizes by epoch"));
    x->setRange(m_history.front().epoch, std::max(m_history.back().epoch, m_history.front().epoch + 1));
    y->setRange(0, top * 1.05);
    m_summary->setText(tr("%1 epochs: %2 attractors at the end, %3 at the start.")
                           .arg(m_history.size())
                           .arg(m_history.back().census.attractors.size())
                           .arg(m_history.front().census.attractors.size()));
}

bool AttractorPanel::writeCsv(const QString& path, QString* error) const {
    std::string text = census_csv_header();
    if (!m_history.empty()) {
        for (const CensusEpoch& e : m_history)
            text += census_csv_rows(e);
    } else {
        CensusEpoch e;
        e.census = m_census;
        text += census_csv_rows(e);
    }
    return write_text_file(path, QString::fromStdString(text), error);
}

void AttractorPanel::setHistoryAvailable(bool available) {
    m_history_available = available;
    m_over_training->setEnabled(available && !m_worker.busy());
    m_over_training->setToolTip(available ? tr("The census at every epoch snapshot of the replay history: basin sizes "
                                               "by epoch")
                                          : tr("Needs a history of two epochs or more: train first"));
}

void AttractorPanel::setModelNote(const QString& note) { m_note->setNote(note); }

QString AttractorPanel::modelNote() const { return m_note->note(); }

}  // namespace dae::ui
