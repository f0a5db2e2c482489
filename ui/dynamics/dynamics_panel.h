// The Dynamics tab: iterate the trained (or loaded) DAE, x⁰ = x, xⁱ = r(xⁱ⁻¹), on a test digit or
// a drawing and play the trajectory (TrajectoryPlayer), or iterate the whole test set and browse
// its outcomes (SetExplorer); the iteration settings and what the outcomes mean beside them.
// Everything is computed in the panel's WorkerThreads and can be cancelled; the judge of the
// outcomes comes from the window's JudgeKeeper (judge_keeper.h).
#pragma once

#include "dae/provenance.h"
#include "dynamics/dynamics_jobs.h"
#include "workers/worker_thread.h"

#include <QWidget>

#include <optional>
#include <utility>

class QComboBox;
class QLabel;
class QPushButton;
class QSlider;
class QSpinBox;
class QToolBox;

namespace dae::ui {

class NoteLabel;

class DigitEditor;
class DrawCanvas;
class ImageView;
class IterationSettings;
class SetExplorer;
class TrajectoryPlayer;

class DynamicsPanel : public QWidget {
    Q_OBJECT
public:
    // A note above the view about the model it shows (untrained_note(), or empty).
    void setModelNote(const QString& note);
    QString modelNote() const;
    explicit DynamicsPanel(QWidget* parent = nullptr);
    ~DynamicsPanel() override;

    // The digits to pick from are the partition's test set (its official one, or the held-out part).
    void setData(SharedPartition partition);
    void setModel(const Autoencoder& model);
    bool hasModel() const { return m_has_model; }
    bool judgeReady() const { return m_judge.trained(); }
    const Judge& judge() const { return m_judge; }
    // The judge of the outcomes (the window's JudgeKeeper hands it over; tests set their own): a
    // trajectory shown without readings is iterated again to get them.
    void setJudge(const Judge& judge);
    // What the input page says of the judge, and why outcomes cannot be read while there is none.
    void setJudgeState(const QString& state, const QString& missing);

    void iterateSample(Index test_index);
    void iterateDrawing();
    void iterateSet();
    void cancel();
    bool busy() const { return m_trajectories.busy() || m_sets.busy(); }

    TrajectoryPlayer* player() const { return m_player; }
    SetExplorer* setExplorer() const { return m_set; }
    IterationSettings* settings() const { return m_settings; }
    DrawCanvas* canvas() const;
    DigitEditor* editor() const { return m_editor; }
    // Puts test digit i, or the end point of the trajectory shown, on the canvas to be edited by hand.
    bool editDigit(Index i);  // false: no test digit i
    void editEndPoint();
    QString legendText() const;
    // The canvas as iterated: a drawing preprocessed like MNIST (bounding box to 20 × 20, centre of
    // mass), an edited real digit exactly as shown.
    Vector preparedDrawing() const;

signals:
    void trajectoryShown();
    void setFinished();
    void message(const QString& text);

private:
    NoteLabel* m_note = nullptr;
    struct Original {  // the real digit a hand-edited input was made from, iterated beside it
        Vector pixels;
        QString name;
    };
    void iterate(const Vector& x, int label, std::optional<Original> original = std::nullopt);  // label −1: a drawing
    QString judgeMissing() const;  // why nothing can be judged yet, for people
    QWidget* buildInput();
    void updateLegend();

    Autoencoder m_model;
    bool m_has_model = false;
    std::optional<std::pair<Vector, int>> m_last_input;  // what was iterated last, and its label
    std::optional<Original> m_last_original;             // and the digit it was edited from
    SharedPartition m_data = std::make_shared<const Partition>();
    Judge m_judge;
    QString m_judge_missing;  // why there is no judge (from its keeper)

    QSpinBox* m_index;
    QComboBox* m_label_filter;
    DigitEditor* m_editor;
    QPushButton* m_cancel;
    QLabel* m_judge_state;
    QLabel* m_legend;
    TrajectoryPlayer* m_player;
    SetExplorer* m_set;
    QToolBox* m_side;  // input, whole set, legend, settings
    IterationSettings* m_settings;
    // Last members, joined first: one thread per kind of job, so a long one never delays another.
    WorkerThread m_trajectories{QStringLiteral("daelab trajectory")};
    WorkerThread m_sets{QStringLiteral("daelab set")};  // whole test sets
};

}  // namespace dae::ui
