// The Iterate workspace's canvas: draw a digit from blank, or start from a real test digit (or the
// end point of the trajectory shown) and corrupt it by hand — paint or erase strokes, cover a box,
// shift it, turn it, scale it, or apply one of the engine's corruptions at a chosen level — the
// domain-specific corruptions Bahdanau & Jaeger propose in §7: "a random stroke addition, partial
// occlusion, moderate scaling and rotation". What is iterated is exactly what
// the canvas shows (pixels in [0, 1]); only a drawing from blank is first centred like MNIST (its
// bounding box to 20 × 20, its centre of mass at the centre), and "as iterated" shows that.
#pragma once

#include "dae/corruption.h"

#include <QWidget>

#include <cstdint>
#include <optional>

class QComboBox;
class QDoubleSpinBox;
class QLabel;

namespace dae::ui {

class DrawCanvas;
class ImageView;

class DigitEditor : public QWidget {
    Q_OBJECT
public:
    explicit DigitEditor(QWidget* parent = nullptr);

    DrawCanvas* canvas() const { return m_canvas; }
    // Starts editing a real digit (label −1: none known); `origin` names it ("test digit 7").
    void startFrom(const Vector& pixels, int label, const QString& origin);
    void clear();  // a blank drawing
    bool editingRealDigit() const { return m_original.has_value(); }
    const std::optional<Vector>& original() const { return m_original; }
    int label() const { return m_label; }
    QString origin() const { return m_origin; }
    // The pixels to iterate: the canvas's own when editing a real digit, else the drawing centred like MNIST.
    Vector pixelsToIterate() const;

    // The edits (the buttons call them; tests too).
    void shift(int dx, int dy);
    void turn(double degrees);
    void scale(double factor);
    void corrupt(const Corruption& c);  // from the editor's seeded stream: the n-th application uses seed n

signals:
    void changed();
    void startFromDigitRequested();  // the digit chosen above
    void startFromEndRequested();    // the end point of the trajectory shown
    void iterateRequested();

private:
    QWidget* buildEdits();
    void replace(const Vector& pixels);
    void showPrepared();

    DrawCanvas* m_canvas;
    ImageView* m_prepared;
    QLabel* m_state;
    QComboBox *m_tool, *m_corruption;
    QDoubleSpinBox* m_level;
    std::optional<Vector> m_original;
    int m_label = -1;
    QString m_origin;
    std::uint64_t m_corruptions = 0;  // corruptions applied so far: each draws from its own seed
};

}  // namespace dae::ui
