#include "widgets/landscape_view.h"

#include <QMouseEvent>
#include <QPainter>

#include <algorithm>
#include <limits>

namespace dae::ui {

namespace {
constexpr int kTickMs = 33;
constexpr double kReach = 8;  // px: how near the mouse a digit must be
}  // namespace

LandscapeView::LandscapeView(QWidget* parent) : QWidget(parent) {
    setMouseTracking(true);
    setAttribute(Qt::WA_OpaquePaintEvent);
    m_timer.setInterval(kTickMs);
    connect(&m_timer, &QTimer::timeout, this, &LandscapeView::tick);
}

void LandscapeView::setMap(std::shared_ptr<const Landscape> map) {
    m_map = std::move(map);
    m_look.highlight = -1;
    pause();
    m_look.time = 0;
    update();
    emit timeChanged(0);  // the new map's step, even when the old one was at 0 too
}

void LandscapeView::setTime(double t) {
    t = std::clamp(t, 0.0, lastTime());
    if (t == m_look.time) return;
    m_look.time = t;
    update();
    emit timeChanged(t);
}

void LandscapeView::play() {
    if (!m_map || lastTime() <= 0) return;
    if (m_look.time >= lastTime()) setTime(0);
    m_timer.start();
    emit playingChanged(true);
}

void LandscapeView::pause() {
    if (!m_timer.isActive()) return;
    m_timer.stop();
    emit playingChanged(false);
}

void LandscapeView::tick() {
    const double step = lastTime() * kTickMs / (1000 * std::max(m_play_seconds, 0.01));
    setTime(m_look.time + step);
    if (m_look.time >= lastTime()) pause();
}

void LandscapeView::setHighlight(Index digit) {
    if (digit == m_look.highlight) return;
    m_look.highlight = digit;
    update();
}

QPointF LandscapeView::placeOf(Index digit) const {
    if (!m_map || digit < 0 || digit >= m_map->size()) return {};
    const LandscapeFrame frame(*m_map, rect());
    const auto [x, y] = m_map->at(digit, m_look.time);
    return frame.place(x, y);
}

Index LandscapeView::digitAt(QPointF pos) const {
    if (!m_map || m_map->frames() == 0) return -1;
    const LandscapeFrame frame(*m_map, rect());
    Index best = -1;
    double nearest = kReach * kReach;
    for (Index j = 0; j < m_map->size(); ++j) {
        const auto [x, y] = m_map->at(j, m_look.time);
        const QPointF d = frame.place(x, y) - pos;
        const double d2 = QPointF::dotProduct(d, d);
        if (d2 < nearest) {
            nearest = d2;
            best = j;
        }
    }
    return best;
}

QImage LandscapeView::image(QSize size) const {
    if (!m_map) return {};
    return render_landscape(*m_map, size, m_look);
}

void LandscapeView::paintEvent(QPaintEvent*) {
    QPainter p(this);
    if (!m_map) {
        p.fillRect(rect(), palette().window());
        p.setPen(palette().color(QPalette::PlaceholderText));
        p.drawText(rect().adjusted(24, 24, -24, -24), Qt::AlignCenter | Qt::TextWordWrap,
                   tr("Map the test set: every digit becomes a dot in the plane of its pixels' two principal "
                      "components, coloured by its label; iterating the DAE carries each to its end point, "
                      "and the rings are the attractors, sized by their basins."));
        return;
    }
    paint_landscape(p, *m_map, rect(), m_look);
}

void LandscapeView::mouseMoveEvent(QMouseEvent* e) {
    const Index j = digitAt(e->position());
    if (j == m_look.highlight) return;
    setHighlight(j);
    emit hovered(j);
}

void LandscapeView::mousePressEvent(QMouseEvent* e) {
    const Index j = digitAt(e->position());
    if (j >= 0 && e->button() == Qt::LeftButton) emit clicked(j);
}

}  // namespace dae::ui
