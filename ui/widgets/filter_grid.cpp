#include "widgets/filter_grid.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QMouseEvent>
#include <QPainter>
#include <QScrollArea>
#include <QToolTip>
#include <QVBoxLayout>

#include <cmath>

namespace dae::ui {

TileLayout filter_layout(Index units, int width, int height) {
    TileLayout layout;
    layout.tile_width = width;
    layout.tile_height = height;
    layout.columns = std::max(1, static_cast<int>(std::ceil(std::sqrt(static_cast<double>(units) * 1.25))));
    return layout;
}

QImage filter_image(const Matrix& w1, int width, int height, TileScaling scaling) {
    const Matrix tiles = w1.transpose();  // column u = unit u's incoming weights
    return tiles_image(tiles, filter_layout(w1.rows(), width, height), scaling);
}

FilterView::FilterView(QWidget* parent) : ImageView(parent) { setMouseTracking(true); }

void FilterView::setFilters(const Matrix& w1, int width, int height, TileScaling scaling) {
    m_units = w1.rows();
    m_layout = filter_layout(m_units, width, height);
    m_norms = w1.rowwise().norm();
    setImage(filter_image(w1, width, height, scaling));
}

int FilterView::unitAt(const QPoint& pos) const {
    const QPoint p = imagePixelAt(pos);
    if (p.x() < 0) return -1;
    const int tw = m_layout.tile_width + m_layout.gap, th = m_layout.tile_height + m_layout.gap;
    const int cx = (p.x() - m_layout.gap) / tw, cy = (p.y() - m_layout.gap) / th;
    if (p.x() < m_layout.gap || p.y() < m_layout.gap || (p.x() - m_layout.gap) % tw >= m_layout.tile_width ||
        (p.y() - m_layout.gap) % th >= m_layout.tile_height)
        return -1;
    const int unit = cy * m_layout.columns + cx;
    return unit < m_units ? unit : -1;
}

QPoint FilterView::tileCentre(int unit) const {
    const double z = scale();
    const int x =
        m_layout.gap + (unit % m_layout.columns) * (m_layout.tile_width + m_layout.gap) + m_layout.tile_width / 2;
    const int y =
        m_layout.gap + (unit / m_layout.columns) * (m_layout.tile_height + m_layout.gap) + m_layout.tile_height / 2;
    return imageRect().topLeft() + QPoint(static_cast<int>(x * z), static_cast<int>(y * z));
}

void FilterView::mouseMoveEvent(QMouseEvent* event) {
    const int unit = unitAt(event->position().toPoint());
    if (unit >= 0)
        QToolTip::showText(event->globalPosition().toPoint(),
                           tr("hidden unit %1\n‖w‖ = %2").arg(unit).arg(m_norms(unit), 0, 'g', 4), this);
    else
        QToolTip::hideText();
    ImageView::mouseMoveEvent(event);
}

void FilterView::setHint(const QString& hint) {
    m_hint = hint;
    update();
}

void FilterView::paintEvent(QPaintEvent* event) {
    ImageView::paintEvent(event);
    if (m_hint.isEmpty()) return;
    QPainter p(this);
    QFont f = font();
    f.setPointSizeF(f.pointSizeF() * 1.3);
    p.setFont(f);
    const QRect area = rect().adjusted(width() / 8, 0, -width() / 8, 0);
    QRect text = p.boundingRect(area, Qt::AlignCenter | Qt::TextWordWrap, m_hint);
    text.adjust(-16, -12, 16, 12);
    p.setRenderHint(QPainter::Antialiasing);
    p.setPen(Qt::NoPen);
    p.setBrush(QColor(255, 255, 255, 235));
    p.drawRoundedRect(text, 8, 8);
    p.setPen(palette().color(QPalette::WindowText));
    p.drawText(text, Qt::AlignCenter | Qt::TextWordWrap, m_hint);
}

FilterGrid::FilterGrid(QWidget* parent) : QWidget(parent) {
    m_view = new FilterView(this);
    m_view->setShrinkToFit(true);  // "Fit" fits every tile into the room there is, with no scroll bar
    m_scroll = new QScrollArea(this);
    m_scroll->setWidget(m_view);
    m_scroll->setWidgetResizable(true);
    m_scroll->setFrameShape(QFrame::NoFrame);
    m_scaling = new QComboBox(this);
    m_scaling->addItem(tr("Per-tile scaling"), int(TileScaling::PerTile));
    m_scaling->addItem(tr("Global scaling"), int(TileScaling::Global));
    m_scaling->setToolTip(
        tr("Per tile: each filter stretched to its own range. Global: one range for all, so weak units look faint."));
    m_zoom = new QComboBox(this);
    m_zoom->addItem(tr("Fit"), 0);
    for (int z : {1, 2, 3, 4})
        m_zoom->addItem(tr("%1×").arg(z), z);
    m_zoom->setToolTip(tr("Tile size: fit the panel, or 1–4 screen pixels per weight"));
    m_caption = new QLabel(tr("Filters: each hidden unit's incoming weights (a row of W₁)"), this);
    m_caption->setWordWrap(true);
    m_caption->setMinimumWidth(120);
    auto* bar = new QHBoxLayout;
    bar->addWidget(m_caption, 1);
    bar->addWidget(m_scaling);
    bar->addWidget(m_zoom);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addLayout(bar);
    layout->addWidget(m_scroll, 1);
    connect(m_scaling, &QComboBox::currentIndexChanged, this, &FilterGrid::redraw);
    connect(m_zoom, &QComboBox::currentIndexChanged, this, [this] { m_view->setZoom(m_zoom->currentData().toInt()); });
}

TileScaling FilterGrid::scaling() const { return TileScaling(m_scaling->currentData().toInt()); }

void FilterGrid::setWeights(const Matrix& w1, int width, int height) {
    m_w1 = w1;
    m_width = width;
    m_height = height;
    redraw();
}

void FilterGrid::redraw() {
    if (m_w1.size() == 0) return;
    m_view->setFilters(m_w1, m_width, m_height, scaling());
    m_caption->setText(tr("Filters of %1 hidden units").arg(m_w1.rows()));
    m_caption->setToolTip(tr("Each tile is a hidden unit's incoming weights (a row of W₁) as a %1×%2 image; hover a "
                             "tile for its unit and norm")
                              .arg(m_width)
                              .arg(m_height));
}

}  // namespace dae::ui
