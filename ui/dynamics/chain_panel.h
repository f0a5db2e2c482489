// The generative chain, live (Bengio et al. 2013): the DAE iterated WITH its corruption between
// steps, x ← r(corrupt(x)), from a test digit, pure noise or the Dynamics tab's drawing. The noise
// level can be moved while the chain runs. An animated strip shows the last steps, the judge says
// which class the chain is in, and the visits per class and the mean stay in a class measure its
// mixing. A second model (e.g. an ordinary DAE beside a walkback-trained one) can run the same
// chain, with the same noise, side by side.
#pragma once

#include "dae/chain.h"
#include "dae/provenance.h"
#include "workers/worker_thread.h"

#include <QWidget>

#include <atomic>
#include <functional>
#include <memory>

class QComboBox;
class QLabel;
class QPushButton;
class QSlider;
class QSpinBox;

namespace dae::ui {

class NoteLabel;

class ImageView;

class ChainPanel : public QWidget {
    Q_OBJECT
public:
    // A note above the view about the model it shows (untrained_note(), or empty).
    void setModelNote(const QString& note);
    QString modelNote() const;
    explicit ChainPanel(QWidget* parent = nullptr);
    ~ChainPanel() override;

    void setData(SharedPartition data);
    void setModel(const Autoencoder& model, const Corruption& training_noise);
    void setJudge(const Judge& judge) { m_judge = judge; }
    void setDrawingSource(std::function<Vector()> f) { m_drawing = std::move(f); }
    bool setComparison(const QString& model_file, QString* error);  // a second model, run beside

    void start();                    // from the chosen start
    void startFrom(int test_digit);  // from a test digit
    void stop();
    bool running() const { return m_worker.busy(); }
    void setLevel(double level);  // takes effect at the chain's next step
    double level() const { return m_level.load(); }

    // What the panel shows (tests): steps run, and each model's statistics.
    int steps() const { return m_steps; }
    const ChainStats& stats(int model = 0) const { return m_side[static_cast<std::size_t>(model)].stats; }
    QString statsText(int model = 0) const;
    QImage stripImage() const;

signals:
    void progressed();  // a slice of steps arrived
    void message(const QString& text);

private:
    NoteLabel* m_note = nullptr;
    struct Side {
        Autoencoder model;
        bool present = false;
        QString name;
        ChainResult history;  // classes/confidence of every step; frames of the last kStrip steps
        ChainStats stats;
        std::vector<Matrix> strip;
    };
    struct State;  // of a running chain, in the worker thread
    void slice(const std::shared_ptr<State>& state, const JobContext& ctx);
    void redraw();

    SharedPartition m_data = std::make_shared<const Partition>();
    Judge m_judge;
    Corruption m_noise;
    bool m_noise_known = false;
    std::function<Vector()> m_drawing;
    std::array<Side, 2> m_side;
    std::atomic<double> m_level{0.5};
    int m_steps = 0;
    QComboBox* m_start;
    QSpinBox* m_index;
    QSlider* m_slider;
    QLabel *m_value, *m_stats;
    QPushButton *m_run, *m_stop, *m_compare;
    ImageView* m_strip;
    WorkerThread m_worker{QStringLiteral("daelab chain")};  // last: joined first
};

}  // namespace dae::ui
