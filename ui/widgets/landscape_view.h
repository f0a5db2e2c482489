// The landscape map as a widget: paint_landscape at time t of the paths, played forward by a timer
// (the whole set flowing to its attractors in about four seconds) or set by a slider; the digit
// under the mouse is highlighted with its whole path and reported, a click asks for its trajectory.
#pragma once

#include "render/landscape_paint.h"

#include <QTimer>
#include <QWidget>

#include <memory>

namespace dae::ui {

class LandscapeView : public QWidget {
    Q_OBJECT
public:
    explicit LandscapeView(QWidget* parent = nullptr);

    void setMap(std::shared_ptr<const Landscape> map);  // shown from t = 0; null: empty
    const Landscape* map() const { return m_map.get(); }
    double time() const { return m_look.time; }
    double lastTime() const { return m_map ? std::max(m_map->frames() - 1, 0) : 0; }
    void setTime(double t);
    void play();                                                       // from the start when at the end
    void setPlaySeconds(double seconds) { m_play_seconds = seconds; }  // the whole path (4 s)
    void pause();
    bool playing() const { return m_timer.isActive(); }
    void setHighlight(Index digit);
    Index highlight() const { return m_look.highlight; }
    // The digit drawn nearest to a point of the widget (within 8 px), −1 when none.
    Index digitAt(QPointF pos) const;
    QPointF placeOf(Index digit) const;  // where the digit is drawn at the current time
    QImage image(QSize size) const;      // the current picture at any size (exports)

    QSize sizeHint() const override { return {640, 480}; }
    QSize minimumSizeHint() const override { return {320, 240}; }

signals:
    void timeChanged(double t);
    void playingChanged(bool playing);
    void hovered(dae::Index digit);  // −1: none
    void clicked(dae::Index digit);

protected:
    void paintEvent(QPaintEvent*) override;
    void mouseMoveEvent(QMouseEvent* e) override;
    void mousePressEvent(QMouseEvent* e) override;

private:
    void tick();
    std::shared_ptr<const Landscape> m_map;
    LandscapeLook m_look;
    double m_play_seconds = 4.0;
    QTimer m_timer;
};

}  // namespace dae::ui
