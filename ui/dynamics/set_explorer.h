// The whole test (or held-out) set iterated at once: progress, outcome counts under both
// definitions, and a gallery per outcome whose pairs open their trajectory when clicked.
// Progress and summary use the same words: a sample has *settled* while its step length is
// below ε; *converged* is an outcome (settled AND read as its own class by the judge).
#pragma once

#include "dynamics/dynamics_jobs.h"

#include <QWidget>

class QComboBox;
class QLabel;
class QProgressBar;
class QPushButton;

namespace dae::ui {

class ImageView;

class SetExplorer : public QWidget {
    Q_OBJECT
public:
    QProgressBar* progressBar() const { return m_progress; }  // the window's status line follows it
    explicit SetExplorer(QWidget* parent = nullptr);

    void setSetName(const QString& name);  // "test" or "held-out"
    void started();
    void progress(const IterationStep& s);
    void setResult(const SetResult& r);
    void clear();
    const SetResult& result() const { return m_result; }
    QString countsText() const;
    QString progressText() const;
    QPushButton* runButton() const { return m_run; }
    QPushButton* cancelButton() const { return m_cancel; }
    void chooseSample(Index gallery_index);  // as a click on the gallery's i-th pair

signals:
    void runRequested();
    void cancelRequested();
    void sampleChosen(dae::Index index);  // into the iterated set

private:
    void showGallery();

    SetResult m_result;
    std::vector<Index> m_gallery;
    QString m_name = QStringLiteral("held-out");
    QPushButton *m_run, *m_cancel;
    QProgressBar* m_progress;
    QLabel* m_state;
    QLabel* m_counts;
    QComboBox* m_outcome;
    ImageView* m_view;
};

}  // namespace dae::ui
