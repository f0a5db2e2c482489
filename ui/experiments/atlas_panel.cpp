#include "experiments/atlas_panel.h"

#include "dae/atlas.h"
#include "render/file_output.h"
#include "render/outcome_style.h"

#include <QAreaSeries>
#include <QChart>
#include <QChartView>
#include <QFile>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineSeries>
#include <QMessageBox>
#include <QProgressBar>
#include <QPushButton>
#include <QSpinBox>
#include <QVBoxLayout>
#include <QValueAxis>

#include <algorithm>

namespace dae::ui {

AtlasPanel::AtlasPanel(QWidget* parent) : QWidget(parent) {
    m_chart = new QChart;
    m_chart->setTitle(tr("What becomes of the probe digits when iterated, epoch by epoch"));
    m_chart->legend()->setAlignment(Qt::AlignRight);
    m_x = new QValueAxis;
    m_x->setTitleText(tr("epoch"));
    m_x->setLabelFormat(QStringLiteral("%d"));
    m_y = new QValueAxis;
    m_y->setTitleText(tr("share of the probe (%)"));
    m_y->setRange(0, 100);
    m_chart->addAxis(m_x, Qt::AlignBottom);
    m_chart->addAxis(m_y, Qt::AlignLeft);
    for (auto& b : m_bounds)
        b = new QLineSeries(this);
    for (int o = 0; o < kOutcomeCount; ++o) {
        auto* area = new QAreaSeries(m_bounds[std::size_t(o) + 1], m_bounds[std::size_t(o)]);
        area->setName(QString::fromLatin1(outcome_name(Outcome(o))));
        const QColor c(QString::fromLatin1(outcome_colour(Outcome(o))));
        area->setColor(c);
        area->setBorderColor(c.darker(130));
        m_chart->addSeries(area);
        area->attachAxis(m_x);
        area->attachAxis(m_y);
        m_areas[std::size_t(o)] = area;
    }
    m_view = new QChartView(m_chart, this);
    m_view->setRenderHint(QPainter::Antialiasing);

    m_probe = new QSpinBox(this);
    m_probe->setRange(10, 2000);
    m_probe->setValue(static_cast<int>(kDefaultProbeSize));
    m_probe->setSuffix(tr(" held-out digits"));
    m_probe->setToolTip(tr("The probe: the first held-out digits, iterated under every epoch's weights"));
    m_compute = new QPushButton(tr("Compute over training"), this);
    m_compute->setToolTip(
        tr("Iterate the probe under each epoch snapshot of the replay ring (the 75 % rule, as in the Dynamics tab)"));
    m_cancel = new QPushButton(tr("Cancel"), this);
    m_cancel->setEnabled(false);
    m_export = new QPushButton(tr("Export CSV…"), this);
    m_progress = new QProgressBar(this);
    m_progress->setRange(0, 1);
    m_progress->setValue(0);
    m_summary =
        new QLabel(tr("Train a model, then press “Compute over training”: every epoch's weights (the replay ring) "
                      "iterate the same probe digits to their fixed points."),
                   this);
    m_summary->setWordWrap(true);

    auto* controls = new QHBoxLayout;
    controls->addWidget(new QLabel(tr("Probe"), this));
    controls->addWidget(m_probe);
    controls->addWidget(m_compute);
    controls->addWidget(m_cancel);
    controls->addWidget(m_progress, 1);
    controls->addWidget(m_export);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(controls);
    layout->addWidget(m_summary);
    layout->addWidget(m_view, 1);

    connect(m_compute, &QPushButton::clicked, this, [this] { emit computeRequested(m_probe->value()); });
    connect(m_cancel, &QPushButton::clicked, this, &AtlasPanel::cancel);
    connect(m_export, &QPushButton::clicked, this, [this] {
        const QString path = QFileDialog::getSaveFileName(this, tr("Export the outcome atlas"),
                                                          QStringLiteral("atlas.csv"), tr("CSV (*.csv)"));
        QString error;
        if (!path.isEmpty() && !writeCsv(path, &error)) QMessageBox::warning(this, tr("Export failed"), error);
    });
    redraw();
}

void AtlasPanel::clear() {
    if (m_waiting || m_job.busy()) {  // a wait or a job belongs to the run that was cleared
        m_job.cancel();
        m_waiting = false;
        m_compute->setEnabled(true);
        m_cancel->setEnabled(false);
    }
    m_rows.clear();
    m_progress->setValue(0);
    redraw();
}

bool AtlasPanel::start(std::vector<std::pair<int, Autoencoder>> snapshots, const Dataset& probe, const Judge& judge,
                       const EvaluationConfig& config) {
    clear();  // cancels what runs or waits
    QString why;
    if (snapshots.empty() || probe.size() == 0)
        why = tr("Nothing to compute yet: the atlas needs a training run (its epoch snapshots) and test digits.");
    else if (!judge.trained())
        why = tr("Nothing to compute yet: the outcomes' judge is not ready (it trains once per data set).");
    if (!why.isEmpty()) {
        stopped(why);
        return false;
    }
    m_compute->setEnabled(false);
    m_cancel->setEnabled(true);
    m_job.run(
        [this, s = std::move(snapshots), probe, judge, config](const JobContext& ctx) {
            const int total = static_cast<int>(s.size());
            for (int i = 0; i < total && !ctx.cancelled(); ++i) {
                const auto& [epoch, model] = s[static_cast<std::size_t>(i)];
                const AtlasRow row =
                    probe_outcomes(model, epoch, probe, judge, config.iteration, config.thresholds, ctx.observer());
                if (ctx.cancelled()) break;                                         // a half-iterated row would mislead
                ctx.deliver([this, row, i, total] { addRow(row, i + 1, total); });  // each epoch's row
            }
        },
        [] {}, [this](const QString& why) { stopped(why); });
    return true;
}

void AtlasPanel::waitFor(const QString& what) {
    m_waiting = true;
    m_compute->setEnabled(false);
    m_cancel->setEnabled(true);
    m_summary->setText(what);
}

int AtlasPanel::probeSize() const { return m_probe->value(); }

void AtlasPanel::cancel() {
    if (!m_job.busy() && !m_waiting) return;
    m_job.cancel();
    stopped(tr("Cancelled"));
}

void AtlasPanel::addRow(const AtlasRow& row, int done, int total) {
    const auto at =
        std::lower_bound(m_rows.begin(), m_rows.end(), row.epoch, [](const AtlasRow& r, int e) { return r.epoch < e; });
    m_rows.insert(at, row);
    m_progress->setRange(0, total);
    m_progress->setValue(done);
    redraw();
    if (done >= total) {
        m_compute->setEnabled(true);
        m_cancel->setEnabled(false);
        emit finished();
    }
}

void AtlasPanel::stopped(const QString& why) {
    m_waiting = false;
    m_progress->setValue(m_progress->minimum());  // the window's job line ends with it
    m_compute->setEnabled(true);
    m_cancel->setEnabled(false);
    m_summary->setText(why);
}

QPointF AtlasPanel::upperPoint(Outcome o, int i) const { return m_bounds[std::size_t(o) + 1]->at(i); }
QPointF AtlasPanel::lowerPoint(Outcome o, int i) const { return m_bounds[std::size_t(o)]->at(i); }

void AtlasPanel::redraw() {
    std::array<QList<QPointF>, kOutcomeCount + 1> bounds;
    for (const AtlasRow& r : m_rows) {
        const double n = std::max<double>(1, static_cast<double>(r.summary.total()));
        double sum = 0;
        bounds[0].append(QPointF(r.epoch, 0));
        for (int o = 0; o < kOutcomeCount; ++o) {
            sum += static_cast<double>(r.summary.counts[std::size_t(o)]);
            bounds[std::size_t(o) + 1].append(QPointF(r.epoch, 100 * sum / n));
        }
    }
    for (std::size_t b = 0; b < bounds.size(); ++b)
        m_bounds[b]->replace(bounds[b]);
    const int first = m_rows.empty() ? 0 : m_rows.front().epoch, last = m_rows.empty() ? 1 : m_rows.back().epoch;
    m_x->setRange(first, std::max(last, first + 1));
    m_x->setTickCount(std::clamp(last - first + 1, 2, 11));
    if (m_rows.empty()) return;
    const AtlasRow& r = m_rows.back();
    QString text = tr("Epoch %1, %2 probe digits: ").arg(r.epoch).arg(r.summary.total());
    for (int o = 0; o < kOutcomeCount; ++o)
        text += QStringLiteral("<span style='color:%1'>■</span> %2 %3 &nbsp;")
                    .arg(QString::fromLatin1(outcome_colour(Outcome(o))), QString::fromLatin1(outcome_name(Outcome(o))))
                    .arg(r.summary.counts[std::size_t(o)]);
    if (r.summary.explosions >= 2)
        text += r.summary.explosions_coincide ? tr("— the explosions coincide") : tr("— the explosions differ");
    text += tr("<br><small>The probe iterates until 75 % of it has converged (Bahdanau &amp; Jaeger's rule, as in the "
               "Dynamics tab); the rest count as not converged.</small>");
    m_summary->setText(text);
}

bool AtlasPanel::writeCsv(const QString& path, QString* error) const {
    std::string text = atlas_csv_header();
    for (const AtlasRow& r : m_rows)
        text += atlas_csv_row(r);
    return write_text_file(path, QString::fromStdString(text), error);
}

}  // namespace dae::ui
