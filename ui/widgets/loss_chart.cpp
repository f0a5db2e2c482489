#include "widgets/loss_chart.h"

#include "render/file_output.h"

#include <QCheckBox>
#include <QFile>
#include <QHBoxLayout>
#include <QLabel>
#include <QPainter>
#include <QPushButton>
#include <QTextDocumentFragment>
#include <QToolTip>
#include <QVBoxLayout>
#include <QtCharts/QCategoryAxis>
#include <QtCharts/QChart>
#include <QtCharts/QChartView>
#include <QtCharts/QLegendMarker>
#include <QtCharts/QLineSeries>
#include <QtCharts/QLogValueAxis>
#include <QtCharts/QValueAxis>

#include <cmath>

namespace dae::ui {

namespace {
constexpr int kMaxDisplayed = 1500;  // batch points drawn at most (bucket means beyond)
constexpr int kMaxMarkers = 30;
}  // namespace

double nice_tick_step(double span, int ticks) {
    const double raw = std::max(span, 1.0) / std::max(ticks, 1);
    const double unit = std::pow(10.0, std::floor(std::log10(raw)));
    for (double m : {1.0, 2.0, 2.5, 5.0})
        if (m * unit >= raw) return m * unit;
    return 10 * unit;
}

QString compact_count(double v) {
    auto text = [](double x, const char* suffix) { return QString::number(x, 'g', 3) + QLatin1String(suffix); };
    if (std::abs(v) >= 1e9) return text(v / 1e9, "G");
    if (std::abs(v) >= 1e6) return text(v / 1e6, "M");
    if (std::abs(v) >= 1e3) return text(v / 1e3, "k");
    return text(v, "");
}

LossChart::LossChart(QWidget* parent) : QWidget(parent) {
    m_chart = new QChart;
    // The legend is a label that wraps (legendText()): Qt Charts' own legend cuts its entries to
    // "vali…" when the dock is narrow.
    m_chart->legend()->setVisible(false);
    m_chart->setMargins(QMargins(4, 4, 4, 4));
    auto make = [&](const QString& name, QColor colour, qreal width, bool points) {
        auto* s = new QLineSeries(m_chart);
        s->setName(name);
        QPen pen(colour);
        pen.setWidthF(width);
        s->setPen(pen);
        s->setPointsVisible(points);
        m_chart->addSeries(s);
        connect(s, &QLineSeries::hovered, this, [this, name](const QPointF& p, bool on) {
            if (on)
                QToolTip::showText(QCursor::pos(),
                                   tr("%1\n%2 samples: %3").arg(name).arg(p.x(), 0, 'f', 0).arg(p.y(), 0, 'g', 5),
                                   this);
        });
        return s;
    };
    m_batch_series = make(tr("minibatch"), QColor(150, 170, 210), 1.0, false);
    m_train_series = make(tr("train"), QColor(30, 90, 200), 2.0, true);
    m_validation_series = make(tr("validation"), QColor(220, 110, 20), 2.0, true);
    m_clean_series = make(tr("clean MSE"), QColor(40, 150, 60), 2.0, true);
    QStringList entries;
    for (QLineSeries* s : {m_batch_series, m_train_series, m_validation_series, m_clean_series})
        entries << QStringLiteral("<span style='color:%1'>&#9632;</span>&nbsp;%2")
                       .arg(s->pen().color().name(), s->name().toHtmlEscaped().replace(' ', "&nbsp;"));
    entries << QStringLiteral("<span style='color:#a03ca0'>&#9476;</span>&nbsp;%1")
                   .arg(tr("noise level changed").replace(' ', "&nbsp;"));
    m_legend = new QLabel(entries.join(QStringLiteral(" &nbsp; ")), this);
    m_legend->setTextFormat(Qt::RichText);
    m_legend->setWordWrap(true);
    m_view = new QChartView(m_chart, this);
    m_view->setRenderHint(QPainter::Antialiasing);
    m_log = new QCheckBox(tr("Log scale"), this);
    m_log->setToolTip(tr("A logarithmic loss axis: late, small improvements stay visible"));
    // The caption above, the switch below it: both stay whole in a narrow column.
    auto* bar = new QVBoxLayout;
    auto* caption = new QLabel(tr("Loss per sample (summed over pixels)"), this);
    caption->setWordWrap(true);
    bar->addWidget(caption);
    bar->addWidget(m_log);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addLayout(bar);
    layout->addWidget(m_view, 1);
    m_view->setMinimumWidth(280);  // room for the axes' numbers and titles
    layout->addWidget(m_legend);
    connect(m_log, &QCheckBox::toggled, this, &LossChart::setLogScale);
    m_refresh.setSingleShot(true);
    m_refresh.setInterval(200);  // coalesce: at most five redraws a second
    connect(&m_refresh, &QTimer::timeout, this, &LossChart::refresh);
    rebuildAxes();
}

bool LossChart::logScale() const { return m_log->isChecked(); }

void LossChart::setLogScale(bool on) {
    if (m_log->isChecked() != on) m_log->setChecked(on);  // re-enters through toggled
    rebuildAxes();
    refresh();
}

void LossChart::rebuildAxes() {
    for (QAbstractAxis* a : m_chart->axes()) {
        m_chart->removeAxis(a);
        delete a;
    }
    // Round ticks with short labels (0, 50k, 100k, …, 1.5M): full numbers did not fit a narrow dock.
    auto* x = new QCategoryAxis;
    x->setTitleText(tr("samples seen"));
    x->setLabelsPosition(QCategoryAxis::AxisLabelsPositionOnValue);
    m_x_step = 0;
    QAbstractAxis* y;
    if (logScale()) {
        auto* ly = new QLogValueAxis;
        ly->setBase(10);
        ly->setLabelFormat(QStringLiteral("%g"));
        y = ly;
    } else {
        auto* vy = new QValueAxis;
        vy->setLabelFormat(QStringLiteral("%g"));
        y = vy;
    }
    y->setTitleText(tr("loss"));
    m_chart->addAxis(x, Qt::AlignBottom);
    m_chart->addAxis(y, Qt::AlignLeft);
    for (QAbstractSeries* s : m_chart->series()) {
        s->attachAxis(x);
        s->attachAxis(y);
    }
}

void LossChart::clear() {
    m_batch.clear();
    m_epochs.clear();
    m_epoch_x.clear();
    m_noise_changes.clear();
    for (QLineSeries* m : m_markers) {
        m_chart->removeSeries(m);
        delete m;
    }
    m_markers.clear();
    refresh();
}

void LossChart::addLossPoints(const QVector<LossPoint>& points) {
    for (const LossPoint& p : points) {
        if (!m_batch.isEmpty() && p.noise != m_batch.back().noise) m_noise_changes.push_back({p.samples, p.noise});
        m_batch.push_back(p);
    }
    if (m_batch.size() > kMaxHistory) {
        QVector<LossPoint> merged;
        merged.reserve(m_batch.size() / 2 + 1);
        for (qsizetype i = 0; i + 1 < m_batch.size(); i += 2) {
            const LossPoint &a = m_batch[i], &b = m_batch[i + 1];
            LossPoint m = b;  // the later point's position and noise
            m.minibatches = a.minibatches + b.minibatches;
            m.loss = (a.loss * a.minibatches + b.loss * b.minibatches) / m.minibatches;
            merged.push_back(m);
        }
        if (m_batch.size() % 2) merged.push_back(m_batch.back());
        m_batch = std::move(merged);
    }
    if (!m_refresh.isActive()) m_refresh.start();
}

void LossChart::addEpoch(const EpochReport& report, double samples_seen) {
    m_epochs.push_back(report);
    m_epoch_x.push_back(samples_seen);
    if (!m_refresh.isActive()) m_refresh.start();
}

int LossChart::displayedBatchPoints() const { return static_cast<int>(m_batch_series->count()); }

void LossChart::refresh() {
    // Running loss, decimated to bucket means so long runs stay cheap to draw.
    QList<QPointF> batch;
    const int n = static_cast<int>(m_batch.size());
    const int bucket = std::max(1, (n + kMaxDisplayed - 1) / kMaxDisplayed);
    for (int i = 0; i < n; i += bucket) {
        double x = 0, y = 0;
        const int end = std::min(n, i + bucket);
        for (int j = i; j < end; ++j) {
            x += m_batch[j].samples;
            y += m_batch[j].loss;
        }
        batch.append({x / (end - i), y / (end - i)});
    }
    m_batch_series->replace(batch);
    QList<QPointF> train, validation, clean;
    for (int e = 0; e < m_epochs.size(); ++e) {
        train.append({m_epoch_x[e], m_epochs[e].train_loss});
        if (m_epochs[e].validation_loss >= 0) validation.append({m_epoch_x[e], m_epochs[e].validation_loss});
        if (m_epochs[e].validation_clean_mse >= 0) clean.append({m_epoch_x[e], m_epochs[e].validation_clean_mse});
    }
    m_train_series->replace(train);
    m_validation_series->replace(validation);
    m_clean_series->replace(clean);

    // Axis ranges from the data (positive for the log axis).
    double lo = 1e300, hi = -1e300, xmax = 1000;
    for (const QList<QPointF>* l : {&batch, &train, &validation, &clean})
        for (const QPointF& p : *l) {
            if (p.y() > 0 || !logScale()) lo = std::min(lo, p.y());
            hi = std::max(hi, p.y());
            xmax = std::max(xmax, p.x());
        }
    if (lo > hi) {
        lo = logScale() ? 0.1 : 0;
        hi = 1;
    }
    const auto axes_x = m_chart->axes(Qt::Horizontal), axes_y = m_chart->axes(Qt::Vertical);
    if (auto* x = axes_x.isEmpty() ? nullptr : qobject_cast<QCategoryAxis*>(axes_x.first())) {
        x->setRange(0, xmax);  // no "nice" rounding: the curve should fill the width
        const double step = nice_tick_step(xmax, kXTicks);
        const int ticks = static_cast<int>(std::floor(xmax / step + 1e-9));
        if (step != m_x_step || ticks + 1 != x->count()) {
            m_x_step = step;
            for (const QString& label : x->categoriesLabels())
                x->remove(label);
            x->setStartValue(-step * 1e-6);
            for (int i = 0; i <= ticks; ++i)
                x->append(compact_count(i * step), i * step);
        }
    }
    if (!axes_y.isEmpty()) {
        axes_y.first()->setRange(logScale() ? lo * 0.8 : std::min(0.0, lo), hi * 1.05);
        if (auto* y = qobject_cast<QValueAxis*>(axes_y.first())) y->applyNiceNumbers();
    }

    // Noise-change markers: one dashed vertical segment each (the latest kMaxMarkers).
    while (m_markers.size() < std::min<int>(m_noise_changes.size(), kMaxMarkers)) {
        auto* s = new QLineSeries(m_chart);
        QPen pen(QColor(160, 60, 160));
        pen.setStyle(Qt::DashLine);
        s->setPen(pen);
        m_chart->addSeries(s);
        for (QAbstractAxis* a : m_chart->axes())
            s->attachAxis(a);
        m_markers.push_back(s);
    }
    const int first = std::max(0, static_cast<int>(m_noise_changes.size()) - kMaxMarkers);
    for (int i = 0; i < m_markers.size(); ++i) {
        const auto& c = m_noise_changes[first + i];
        m_markers[i]->setName(tr("noise → %1").arg(c.second, 0, 'g', 3));
        m_markers[i]->replace(
            {QPointF(c.first, logScale() ? lo * 0.8 : std::min(0.0, lo)), QPointF(c.first, hi * 1.05)});
    }
}

bool LossChart::writeCsv(const QString& path, QString* error) const {
    QString text;
    QTextStream out(&text);
    // minibatches: how many minibatches a batch row averages (1 unless a long run was thinned).
    out << "kind,samples,epoch,loss,validation_loss,validation_clean_mse,noise_level,minibatches\n";
    for (const LossPoint& p : m_batch)
        out << "batch," << p.samples << ",," << p.loss << ",,," << p.noise << ',' << p.minibatches << "\n";
    for (int e = 0; e < m_epochs.size(); ++e)
        out << "epoch," << m_epoch_x[e] << ',' << m_epochs[e].epoch + 1 << ',' << m_epochs[e].train_loss << ','
            << m_epochs[e].validation_loss << ',' << m_epochs[e].validation_clean_mse << ",,\n";
    out.flush();
    return write_text_file(path, text, error);
}

QImage LossChart::grabImage() {  // the chart with its legend below it
    const QImage chart = m_view->grab().toImage();
    const QImage legend = m_legend->grab().toImage();
    QImage out(std::max(chart.width(), legend.width()), chart.height() + legend.height(), QImage::Format_RGB32);
    out.fill(palette().window().color());
    QPainter p(&out);
    p.drawImage(0, 0, chart);
    p.drawImage(0, chart.height(), legend);
    return out;
}

QString LossChart::legendText() const { return QTextDocumentFragment::fromHtml(m_legend->text()).toPlainText(); }

QStringList LossChart::xAxisLabels() const {
    const auto axes = m_chart->axes(Qt::Horizontal);
    auto* x = axes.isEmpty() ? nullptr : qobject_cast<QCategoryAxis*>(axes.first());
    return x ? x->categoriesLabels() : QStringList();
}

}  // namespace dae::ui
