// The guided tour: a short walk through the window for a first start (Help → Guided tour brings it
// back). A card floats over the window, never modal, so the window stays usable; each step shows
// its part (a tab, a dock, the toolbar) and outlines it. Esc or "Skip tour" ends it at any step;
// finishing or skipping marks it seen in the settings store, so it is offered once.
#pragma once

#include <QFrame>
#include <QPointer>

#include <functional>
#include <vector>

class QLabel;
class QPushButton;
class QSettings;

namespace dae::ui {

class GuidedTour : public QFrame {
    Q_OBJECT
public:
    struct Step {
        QString title, text;
        std::function<QWidget*()> show;  // brings its part into view and returns it (null: the whole window)
    };
    // `window` hosts the card; `store` remembers that the tour was seen (key tour/seen).
    GuidedTour(QWidget* window, QSettings* store, std::vector<Step> steps);

    static bool seen(const QSettings& store);
    void start();  // from the first step
    int step() const { return m_step; }
    int steps() const { return static_cast<int>(m_steps.size()); }
    QWidget* highlighted() const { return m_target; }
    QPushButton* nextButton() const { return m_next; }
    QPushButton* backButton() const { return m_back; }
    QPushButton* skipButton() const { return m_skip; }
    void next();
    void back();
    void finish();  // hides the card and marks the tour seen

signals:
    void finished();

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;
    void keyPressEvent(QKeyEvent* event) override;

private:
    void show_step(int i);
    void place();

    QWidget* m_window;
    QSettings* m_store;
    std::vector<Step> m_steps;
    int m_step = -1;
    QPointer<QWidget> m_target;
    QWidget* m_outline;
    QLabel* m_title;
    QLabel* m_text;
    QLabel* m_count;
    QPushButton *m_back, *m_next, *m_skip;
};

}  // namespace dae::ui
