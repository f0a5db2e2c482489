#include "experiments/sweep_panel.h"

#include "dae/threads.h"
#include "render/tile_image.h"
#include "widgets/image_view.h"
#include "workers/bar_reporter.h"

#include <QChart>
#include <QChartView>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QLineSeries>
#include <QPainter>
#include <QPen>
#include <QProgressBar>
#include <QPushButton>
#include <QSpinBox>
#include <QSplitter>
#include <QVBoxLayout>
#include <QValueAxis>

namespace dae::ui {

namespace {}  // namespace

SweepPanel::SweepPanel(QWidget* parent) : QWidget(parent) {
    const SweepSpec defaults;  // the core's recipe: the same as daelab-cli sweep's
    QStringList levels;
    for (double l : defaults.levels)
        levels << QString::number(l);
    m_levels = new QLineEdit(levels.join(QStringLiteral(", ")), this);
    m_levels->setToolTip(
        tr("Corruption levels of the members (the corruption type and every other setting are the training lab's)"));
    m_epochs = new QSpinBox(this);
    m_epochs->setRange(1, 1000);
    m_epochs->setValue(defaults.base.epochs);
    m_epochs->setSuffix(tr(" epochs"));
    m_epochs->setToolTip(tr("N: epochs of every member of the sweep (Vincent et al. 2008, Fig. 3: same initial "
                            "weights, only ν differs)"));
    m_run = new QPushButton(tr("Run sweep"), this);
    m_cancel = new QPushButton(tr("Cancel"), this);
    m_cancel->setEnabled(false);
    m_progress = new QProgressBar(this);
    m_progress->setValue(0);
    m_status = new QLabel(
        tr("Trains one DAE per level, all from the same initial weights, side by side in the background."), this);
    m_status->setWordWrap(true);
    m_filters = new ImageView(this);
    m_filters->setCaption(tr("First %1 filters of each member (per-tile contrast)").arg(kUnits));
    m_filters->setMinimumZoom(1);

    m_chart = new QChart;
    m_chart->setTitle(tr("Denoising curves: reconstruction error against test-time noise"));
    m_x = new QValueAxis;
    m_x->setTitleText(tr("test-time noise level"));
    m_y = new QValueAxis;
    m_y->setTitleText(tr("error Σ(x − r(x̃))²"));
    m_chart->addAxis(m_x, Qt::AlignBottom);
    m_chart->addAxis(m_y, Qt::AlignLeft);
    m_current_series = new QLineSeries;
    m_current_series->setName(tr("the model in Train"));
    QPen pen(Qt::black, 2, Qt::DashLine);
    m_current_series->setPen(pen);
    m_chart->addSeries(m_current_series);
    m_current_series->attachAxis(m_x);
    m_current_series->attachAxis(m_y);
    auto* view = new QChartView(m_chart, this);
    view->setRenderHint(QPainter::Antialiasing);
    // The legend is a label that wraps under the chart: Qt Charts' own cut "trained at ν = …" to
    // the same three dots for every member.
    m_chart->legend()->setVisible(false);
    m_legend = new QLabel(this);
    m_legend->setTextFormat(Qt::RichText);
    m_legend->setWordWrap(true);
    auto* curves = new QWidget(this);
    auto* curves_layout = new QVBoxLayout(curves);
    curves_layout->setContentsMargins(0, 0, 0, 0);
    curves_layout->addWidget(view, 1);
    curves_layout->addWidget(m_legend);

    auto* controls = new QHBoxLayout;
    controls->addWidget(new QLabel(tr("Levels"), this));
    controls->addWidget(m_levels, 1);
    controls->addWidget(m_epochs);
    controls->addWidget(m_run);
    controls->addWidget(m_cancel);
    controls->addWidget(m_progress, 1);
    auto* split = new QSplitter(Qt::Vertical, this);
    split->addWidget(m_filters);
    split->addWidget(curves);
    view->setMinimumHeight(260);
    split->setStretchFactor(0, 2);
    split->setStretchFactor(1, 3);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(controls);
    layout->addWidget(m_status);
    layout->addWidget(split, 1);

    wire();
}

void SweepPanel::wire() {
    connect(m_run, &QPushButton::clicked, this, &SweepPanel::runFromControls);
    connect(m_cancel, &QPushButton::clicked, this, &SweepPanel::cancel);
    connect(&m_job, &WorkerThread::idle, this, [this] {
        m_run->setEnabled(true);
        m_cancel->setEnabled(false);
        emit finished();
    });
    m_current_timer.setSingleShot(true);
    m_current_timer.setInterval(500);
    connect(&m_current_timer, &QTimer::timeout, this, &SweepPanel::updateCurrentCurve);
    redraw();
}

SweepPanel::~SweepPanel() = default;

bool SweepPanel::runFromControls() {
    std::vector<double> levels;
    for (const QString& v : m_levels->text().split(',', Qt::SkipEmptyParts)) {
        bool ok = false;
        levels.push_back(v.trimmed().toDouble(&ok));
        if (!ok) {
            emit message(tr("Levels: '%1' is not a number").arg(v.trimmed()));
            return false;
        }
    }
    return run(levels, m_epochs->value());
}

void SweepPanel::setData(SharedPartition data) {
    cancel();
    m_data = std::move(data);
    m_members.clear();
    m_current_curve.clear();
    redraw();
}

void SweepPanel::setCurrentModel(const Autoencoder& model) {
    m_current = model;
    m_has_current = true;
    if (isVisible() && !m_current_timer.isActive()) m_current_timer.start();
}

void SweepPanel::showEvent(QShowEvent* event) {
    QWidget::showEvent(event);
    if (m_has_current) m_current_timer.start();
}

std::vector<double> SweepPanel::testLevels() const { return denoising_levels(m_curve_type); }

void SweepPanel::updateCurrentCurve() {
    if (!m_has_current || m_data->validation.size() == 0 || m_current.visible() != m_data->validation.dim()) return;
    m_curve_type = denoising_type(m_base.corruption.type);
    m_current_curve = denoising_curve(
        m_current, m_data->validation.samples.leftCols(std::min(kDenoisingSamples, m_data->validation.size())),
        m_curve_type, testLevels());
    redraw();
}

bool SweepPanel::run(const std::vector<double>& levels, int epochs) {
    SweepSpec spec{m_base, levels};
    spec.base.epochs = epochs;
    spec.base.model.visible = m_data->train.dim();
    std::string why;
    if (!spec.validate(&why, m_data->train.size())) {
        emit message(tr("Sweep not started: %1").arg(QString::fromStdString(why)));
        m_status->setText(tr("Sweep not started: %1").arg(QString::fromStdString(why)));
        return false;
    }
    m_curve_type = denoising_type(spec.base.corruption.type);
    m_trained_type = spec.base.corruption.type;
    m_members.clear();
    redraw();
    m_run->setEnabled(false);
    m_cancel->setEnabled(true);
    m_progress->setRange(0, 1000);
    m_progress->setValue(0);
    m_status->setText(tr("Training %1 members of %2 epochs each …").arg(levels.size()).arg(epochs));
    m_job.cancel();
    // Shown when the sweep ends, however it ends.
    const auto summary = [this] {
        QStringList l;
        for (const auto& mm : m_members)
            l << QString::number(mm.level);
        m_status->setText(tr("%1 members, all from the same initial weights. Top to bottom: ν = %2")
                              .arg(m_members.size())
                              .arg(l.join(QStringLiteral(", "))));
    };
    m_job.run(
        [this, spec, data = m_data](const JobContext& ctx) {
            // Progress of all members together; a cancel stops them all between minibatches.
            BarReporter progress(ctx, m_progress, BarReporter::Text::Percent);
            // The same recipe as daelab-cli sweep: members side by side, one thread each, leaving a
            // core to the window.
            run_sweep(spec, data->train, data->validation, std::max(1, usable_cores() - 1), &progress,
                      [&](std::size_t, const SweepMember& m) {
                          ctx.deliver([this, m] {
                              // Members finish in any order; they are shown by level.
                              const auto at =
                                  std::lower_bound(m_members.begin(), m_members.end(), m.level,
                                                   [](const SweepMember& x, double level) { return x.level < level; });
                              const int index = static_cast<int>(at - m_members.begin());
                              m_members.insert(at, m);
                              redraw();
                              emit memberFinished(index);
                          });
                      });
        },
        [this, summary] {
            m_progress->setValue(m_progress->maximum());  // the reporter shows at most ten steps a second
            summary();
        },
        [this, summary](const QString& why) {
            emit message(why);
            summary();
        });
    return true;
}

void SweepPanel::cancel() {
    if (m_job.busy()) m_status->setText(tr("Sweep cancelled after %1 members").arg(m_members.size()));
    m_job.cancel();
    m_run->setEnabled(true);
    m_cancel->setEnabled(false);
}

QImage SweepPanel::filtersImage() const {
    if (m_members.empty()) return {};
    const Index units = std::min<Index>(kUnits, m_members.front().trained.hidden());
    std::vector<Matrix> rows;
    for (const SweepMember& m : m_members)
        rows.push_back(m.trained.w1.topRows(std::min(units, m.trained.hidden())).transpose());
    return tile_rows_image(rows, m_data->train.width, m_data->train.height, static_cast<int>(units));
}

void SweepPanel::redraw() {
    // Filters, with each row's level written to its left.
    const QImage tiles = filtersImage();
    const QString symbol = QString::fromUtf8(level_symbol(m_trained_type));
    QStringList labels;
    for (const SweepMember& m : m_members)
        labels << QStringLiteral("%1=%2").arg(symbol).arg(m.level);
    m_filters->setImage(with_row_labels(tiles, labels));
    // Curves: one series per member, plus the current model's (dashed).
    for (QAbstractSeries* s : m_chart->series())
        if (s != m_current_series) {
            m_chart->removeSeries(s);
            delete s;
        }
    const std::vector<double> test = testLevels();
    double top = 1e-6;
    for (const SweepMember& m : m_members) {
        auto* s = new QLineSeries;
        s->setName(tr("trained at %1 = %2").arg(symbol).arg(m.level));
        for (std::size_t j = 0; j < m.curve.size(); ++j) {
            s->append(test[j], m.curve[j]);
            top = std::max(top, m.curve[j]);
        }
        m_chart->addSeries(s);
        s->attachAxis(m_x);
        s->attachAxis(m_y);
    }
    // The axis fits the members; the training lab's curve may leave it (an untrained model's does).
    const bool fit_current = m_members.empty();
    QList<QPointF> current;
    for (std::size_t j = 0; j < m_current_curve.size() && j < test.size(); ++j) {
        current.append(QPointF(test[j], m_current_curve[j]));
        if (fit_current) top = std::max(top, m_current_curve[j]);
    }
    m_current_series->replace(current);
    m_x->setRange(0, test.back());
    m_y->setRange(0, top * 1.05);
    m_x->setTitleText(
        tr("test-time noise %1 (%2)")
            .arg(QString::fromUtf8(level_symbol(m_curve_type)), QString::fromLatin1(corruption_name(m_curve_type))));
    QStringList entries;
    for (QAbstractSeries* s : m_chart->series())
        if (auto* line = qobject_cast<QLineSeries*>(s); line && (line != m_current_series || !current.isEmpty()))
            entries << QStringLiteral("<span style='color:%1'>■</span>&nbsp;%2")
                           .arg(line->pen().color().name(), line->name().toHtmlEscaped());
    m_legend->setText(entries.join(QStringLiteral(" &nbsp; ")));
}

}  // namespace dae::ui
