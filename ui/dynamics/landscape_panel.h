// The Landscape view (Explore workspace): the first test digits as dots in the plane of their
// pixels' two principal components (landscape.h), iterated under the Iterate workspace's settings
// and played along their paths to their end points, the attractors as rings sized by their basins.
// The plane is fitted once per data set to the whole test set, so maps compare across epochs and
// models. With "Follow the model", every new epoch of a training run and every step back through the
// replay history maps the set again under that model (latest wins). Hovering a dot shows the digit
// and its end point; a click opens its trajectory in the Iterate workspace. PNG, SVG and CSV out.
#pragma once

#include "dae/landscape.h"
#include "dae/provenance.h"
#include "workers/worker_thread.h"

#include <QWidget>

#include <functional>
#include <memory>

class QCheckBox;
class QLabel;
class QProgressBar;
class QPushButton;
class QSlider;
class QSpinBox;

namespace dae::ui {

class ImageView;
class LandscapeView;
class NoteLabel;

class LandscapePanel : public QWidget {
    Q_OBJECT
public:
    explicit LandscapePanel(QWidget* parent = nullptr);
    ~LandscapePanel() override;

    // The partition's test set is mapped (shared, never copied); a new data set: a new plane, the map cleared.
    void setData(SharedPartition partition);
    void setModel(const Autoencoder& model, int epoch);
    void setJudge(const Judge& judge) { m_judge = judge; }
    void setModelNote(const QString& note);
    // The iteration and outcome settings in use (the Iterate workspace's).
    void setConfigSource(std::function<EvaluationConfig()> source) { m_config = std::move(source); }

    bool map(Index digits);  // false (with message()) when there is no model, data or judge yet
    bool mapping() const { return m_mapping; }
    void cancel();
    void setFollow(bool follow);
    LandscapeView* view() const { return m_view; }
    QProgressBar* progressBar() const { return m_progress; }
    QString summaryText() const;
    QString digitText() const;  // what the side says of the highlighted digit
    bool writeCsv(const QString& path, QString* error) const;

signals:
    void mapped();
    void trajectoryRequested(dae::Index test_index);
    void message(const QString& text);

private:
    void build();
    void wire();
    bool start(Index digits, const Autoencoder& model, int epoch);
    void showMap(std::shared_ptr<const Landscape> map, int epoch);
    void showDigit(Index digit);
    void exportImage();

    SharedPartition m_data = std::make_shared<const Partition>();
    std::shared_ptr<const PlaneProjection> m_plane;  // of its test set, fitted at the first map
    Autoencoder m_model, m_epoch_model;              // the latest shown, and the one its epoch began with
    bool m_has_model = false;
    int m_epoch = -1, m_map_epoch = -1;
    Judge m_judge;
    std::function<EvaluationConfig()> m_config = [] { return EvaluationConfig{}; };
    bool m_follow = false;
    bool m_mapping = false;  // a map is being computed (its result not shown yet)
    NoteLabel* m_note;
    QSpinBox* m_digits;
    QPushButton *m_run, *m_cancel, *m_play, *m_export_image, *m_export_csv;
    QCheckBox* m_follow_box;
    QSlider* m_time;
    QLabel *m_step, *m_summary, *m_digit;
    QProgressBar* m_progress;
    LandscapeView* m_view;
    ImageView *m_start_image, *m_end_image;
    WorkerThread m_worker{QStringLiteral("daelab landscape")};  // last: joined first
};

}  // namespace dae::ui
