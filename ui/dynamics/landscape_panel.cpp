#include "dynamics/landscape_panel.h"

#include "render/file_output.h"
#include "render/outcome_style.h"
#include "render/tile_image.h"
#include "widgets/image_view.h"
#include "widgets/landscape_view.h"
#include "widgets/message_bar.h"
#include "workers/bar_reporter.h"

#include <QCheckBox>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QLabel>
#include <QPainter>
#include <QProgressBar>
#include <QPushButton>
#include <QSlider>
#include <QSpinBox>
#include <QVBoxLayout>

#include <cmath>

namespace dae::ui {

namespace {
constexpr int kSliderTicks = 1000;
constexpr int kSide = 190;  // the side column's width

struct Mapped {
    std::shared_ptr<const PlaneProjection> plane;
    std::shared_ptr<const Landscape> map;
};

QImage digit_image(const Matrix& images, Index j, int width, int height) {
    TileLayout layout;
    layout.tile_width = width;
    layout.tile_height = height;
    layout.columns = 1;
    layout.gap = 0;
    return tiles_image(images.col(j), layout, TileScaling::Fixed01);
}

}  // namespace

LandscapePanel::LandscapePanel(QWidget* parent) : QWidget(parent) {
    build();
    wire();
}

LandscapePanel::~LandscapePanel() = default;

void LandscapePanel::build() {
    m_note = new NoteLabel(this);
    m_digits = new QSpinBox(this);
    m_digits->setRange(50, 10000);
    m_digits->setSingleStep(500);
    m_digits->setValue(2000);
    m_digits->setSuffix(tr(" test digits"));
    m_digits->setToolTip(tr("How many of the test set's digits to map (the first ones)"));
    m_run = new QPushButton(tr("Map the set"), this);
    m_run->setToolTip(tr("Iterate the digits under the Iterate workspace's settings and map where they go"));
    m_cancel = new QPushButton(tr("Cancel"), this);
    m_cancel->setEnabled(false);
    m_follow_box = new QCheckBox(tr("Follow the model"), this);
    m_follow_box->setToolTip(tr("Map again at every new epoch of training and every epoch shown from the replay "
                                "history, in the same plane: basins form, merge and split"));
    m_progress = new QProgressBar(this);
    m_progress->setRange(0, kSliderTicks);
    m_progress->setTextVisible(false);
    m_export_image = new QPushButton(tr("Export picture…"), this);
    m_export_csv = new QPushButton(tr("Export CSV…"), this);
    m_export_csv->setToolTip(tr("One row per digit: its label, start and end in the plane, outcome, basin"));
    auto* controls = new QHBoxLayout;
    for (QWidget* w : {static_cast<QWidget*>(m_digits), static_cast<QWidget*>(m_run), static_cast<QWidget*>(m_cancel),
                       static_cast<QWidget*>(m_follow_box)})
        controls->addWidget(w);
    controls->addWidget(m_progress, 1);
    controls->addWidget(m_export_image);
    controls->addWidget(m_export_csv);

    m_play = new QPushButton(tr("Play"), this);
    m_play->setToolTip(tr("Move every digit along its path to its end point"));
    m_time = new QSlider(Qt::Horizontal, this);
    m_time->setRange(0, kSliderTicks);
    m_time->setToolTip(tr("Where along their paths the digits are drawn"));
    m_step = new QLabel(this);
    m_step->setMinimumWidth(m_step->fontMetrics().horizontalAdvance(tr("step 0000 of 0000")) + 8);
    auto* time = new QHBoxLayout;
    time->addWidget(m_play);
    time->addWidget(m_time, 1);
    time->addWidget(m_step);

    m_summary = new QLabel(this);
    m_summary->setWordWrap(true);
    m_view = new LandscapeView(this);
    m_start_image = new ImageView(this);
    m_end_image = new ImageView(this);
    for (ImageView* v : {m_start_image, m_end_image})
        v->setMinimumZoom(2);
    m_start_image->setCaption(tr("the digit"));
    m_end_image->setCaption(tr("its end point"));
    m_digit = new QLabel(tr("Point at a dot to see its digit; click it to follow its trajectory in Iterate."), this);
    m_digit->setWordWrap(true);
    auto* images = new QHBoxLayout;
    images->addWidget(m_start_image);
    images->addWidget(m_end_image);
    auto* side = new QVBoxLayout;
    side->addLayout(images);
    side->addWidget(m_digit);
    side->addStretch(1);
    auto* side_box = new QWidget(this);
    side_box->setLayout(side);
    side_box->setFixedWidth(kSide);
    auto* body = new QHBoxLayout;
    body->addWidget(m_view, 1);
    body->addWidget(side_box);

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_note);
    layout->addLayout(controls);
    layout->addLayout(time);
    layout->addWidget(m_summary);
    layout->addLayout(body, 1);
    m_play->setEnabled(false);
    m_time->setEnabled(false);
    m_export_image->setEnabled(false);
    m_export_csv->setEnabled(false);
}

void LandscapePanel::wire() {
    connect(m_run, &QPushButton::clicked, this, [this] { map(m_digits->value()); });
    connect(m_cancel, &QPushButton::clicked, this, &LandscapePanel::cancel);
    connect(m_follow_box, &QCheckBox::toggled, this, [this](bool on) { m_follow = on; });
    connect(m_play, &QPushButton::clicked, this, [this] { m_view->playing() ? m_view->pause() : m_view->play(); });
    connect(m_view, &LandscapeView::playingChanged, this,
            [this](bool playing) { m_play->setText(playing ? tr("Pause") : tr("Play")); });
    connect(m_time, &QSlider::valueChanged, this, [this](int v) {
        if (!m_view->playing()) m_view->setTime(m_view->lastTime() * v / kSliderTicks);
    });
    connect(m_view, &LandscapeView::timeChanged, this, [this](double t) {
        const QSignalBlocker block(m_time);
        const double last = m_view->lastTime();
        m_time->setValue(last > 0 ? static_cast<int>(std::lround(kSliderTicks * t / last)) : 0);
        const Landscape* map = m_view->map();
        m_step->setText(map ? tr("step %1 of %2").arg(map->step_at(t)).arg(map->steps_run) : QString());
    });
    connect(m_view, &LandscapeView::hovered, this, &LandscapePanel::showDigit);
    connect(m_view, &LandscapeView::clicked, this, [this](Index j) { emit trajectoryRequested(j); });
    connect(m_export_image, &QPushButton::clicked, this, &LandscapePanel::exportImage);
    connect(m_export_csv, &QPushButton::clicked, this, [this] {
        const QString path = QFileDialog::getSaveFileName(this, tr("Export the map's points"),
                                                          QStringLiteral("landscape.csv"), tr("CSV (*.csv)"));
        QString error;
        if (!path.isEmpty() && !writeCsv(path, &error)) emit message(error);
    });
}

void LandscapePanel::setData(SharedPartition partition) {
    m_worker.cancel();
    m_mapping = false;
    m_data = std::move(partition);
    m_plane.reset();
    showMap(nullptr, 0);
}

void LandscapePanel::setModel(const Autoencoder& model, int epoch) {
    // The window shows a model a few times a second while it trains; following maps once per
    // epoch, with the weights the epoch ended with (or the replayed epoch's).
    if (epoch != m_epoch) m_epoch_model = model;
    m_model = model;
    m_has_model = true;
    m_epoch = epoch;
    if (m_follow && m_view->map() && !mapping() && epoch != m_map_epoch) start(m_digits->value(), m_epoch_model, epoch);
}

void LandscapePanel::setModelNote(const QString& note) { m_note->setNote(note); }

void LandscapePanel::setFollow(bool follow) { m_follow_box->setChecked(follow); }

bool LandscapePanel::map(Index digits) { return start(digits, m_model, m_epoch); }

bool LandscapePanel::start(Index digits, const Autoencoder& model, int epoch) {
    if (!m_has_model || m_data->test.size() < 2) {
        emit message(tr("The landscape needs a model and test digits"));
        return false;
    }
    if (!m_judge.trained()) {
        emit message(tr("The landscape's outcomes need the judge, which is still being trained (see Iterate)"));
        return false;
    }
    m_worker.cancel();
    m_mapping = true;
    if (m_digits->value() != digits) {
        const QSignalBlocker b(m_digits);
        m_digits->setValue(static_cast<int>(digits));
    }
    m_cancel->setEnabled(true);
    m_progress->setValue(0);
    m_worker.run(
        [this, model, judge = m_judge, data = m_data, plane = m_plane, config = m_config(),
         n = std::min(digits, m_data->test.size())](const JobContext& ctx) -> std::optional<Mapped> {
            const Dataset& test = data->test;
            Mapped m;
            m.plane = plane ? plane : std::make_shared<const PlaneProjection>(fit_plane(test.samples));
            StepReporter steps(ctx, [bar = m_progress](const IterationStep& s) {
                bar->setValue(static_cast<int>(kSliderTicks * s.converged / std::max<Index>(s.target, 1)));
            });
            auto map = std::make_shared<Landscape>(
                compute_landscape(model, test.head(n), judge, config, *m.plane, 1e-2, &steps));
            if (map->cancelled) return std::nullopt;
            m.map = std::move(map);
            return m;
        },
        [this, epoch](Mapped m) {
            m_mapping = false;
            m_plane = m.plane;
            showMap(m.map, epoch);
            emit mapped();
            if (m_follow && m_epoch != epoch)  // the model moved on meanwhile
                start(m_digits->value(), m_epoch_model, m_epoch);
        },
        [this](const QString& why) {
            m_mapping = false;
            m_cancel->setEnabled(false);
            m_progress->setValue(0);  // the window's job line ends
            emit message(tr("Landscape: %1").arg(why));
        });
    return true;
}

void LandscapePanel::cancel() {
    m_worker.cancel();
    m_mapping = false;
    m_cancel->setEnabled(false);
    m_progress->setValue(0);
}

void LandscapePanel::showMap(std::shared_ptr<const Landscape> map, int epoch) {
    m_map_epoch = epoch;
    const bool any = map != nullptr;
    const bool was_at_end = m_view->map() && m_view->time() >= m_view->lastTime();
    m_view->setMap(std::move(map));
    m_cancel->setEnabled(false);
    m_progress->setValue(any ? kSliderTicks : 0);
    for (QWidget* w : {static_cast<QWidget*>(m_play), static_cast<QWidget*>(m_time),
                       static_cast<QWidget*>(m_export_image), static_cast<QWidget*>(m_export_csv)})
        w->setEnabled(any);
    m_summary->setText(summaryText());
    showDigit(-1);
    if (!any) return;
    // A first map plays from the start; a map that follows training shows its ends at once (the
    // basins of one epoch after another), unless it was playing.
    if (m_follow && was_at_end)
        m_view->setTime(m_view->lastTime());
    else
        m_view->play();
}

QString LandscapePanel::summaryText() const {
    const Landscape* map = m_view->map();
    if (!map) return tr("No map yet.");
    QStringList shares;
    for (int o = 0; o < kOutcomeCount; ++o) {
        const Index count = map->summary.count(static_cast<Outcome>(o));
        if (count == 0) continue;
        shares << QStringLiteral("<span style='color:%1'>%2 %3 %</span>")
                      .arg(outcome_colour(static_cast<Outcome>(o)),
                           QString::fromUtf8(outcome_name(static_cast<Outcome>(o))))
                      .arg(100.0 * static_cast<double>(count) / static_cast<double>(map->size()), 0, 'f', 1);
    }
    QString largest;
    if (!map->basins.empty()) {
        const LandscapeBasin& b = map->basins.front();
        largest = b.outcome == Outcome::Explosion || b.outcome == Outcome::Stain
                      ? tr(" (the largest, %1 digits, is %2)")
                            .arg(b.basin.size())
                            .arg(b.outcome == Outcome::Explosion ? tr("the explosion") : tr("a stain"))
                      : tr(" (the largest holds %1 digits, read as %2)").arg(b.basin.size()).arg(b.judged);
    }
    const QString attractors =
        map->basins.size() == 1 ? tr("1 attractor") : tr("%1 attractors").arg(map->basins.size());
    return tr("%1 test digits, epoch %2, %3 steps: %4%5 · %6")
        .arg(map->size())
        .arg(m_map_epoch)
        .arg(map->steps_run)
        .arg(attractors)
        .arg(largest, shares.join(QStringLiteral(" · ")));
}

void LandscapePanel::showDigit(Index j) {
    const Landscape* map = m_view->map();
    if (!map || j < 0 || j >= map->size()) {
        m_start_image->setImage({});
        m_end_image->setImage({});
        m_digit->setText(tr("Point at a dot to see its digit; click it to follow its trajectory in Iterate."));
        return;
    }
    const Dataset& test = m_data->test;
    m_start_image->setImage(digit_image(test.samples, j, test.width, test.height));
    m_end_image->setImage(digit_image(map->end_points, j, test.width, test.height));
    m_digit->setText(digitText());
}

QString LandscapePanel::digitText() const {
    const Landscape* map = m_view->map();
    const Index j = m_view->highlight();
    if (!map || j < 0) return {};
    const auto s = static_cast<std::size_t>(j);
    const SampleOutcome& o = map->outcomes[s];
    QString text = tr("Test digit %1, label %2: <b style='color:%3'>%4</b>, read as %5 (p = %6).")
                       .arg(j)
                       .arg(map->labels[s])
                       .arg(outcome_colour(o.outcome), QString::fromUtf8(outcome_name(o.outcome)))
                       .arg(o.predicted)
                       .arg(o.confidence, 0, 'f', 2);
    const Index b = map->basin_of[s];
    if (b >= 0)
        text += tr(" Its attractor holds %1 digits.").arg(map->basins[static_cast<std::size_t>(b)].basin.size());
    return text + tr(" Click: its trajectory in Iterate, under the model Iterate shows.");
}

bool LandscapePanel::writeCsv(const QString& path, QString* error) const {
    const Landscape* map = m_view->map();
    if (!map) {
        *error = tr("There is no map to export yet");
        return false;
    }
    return write_text_file(path, QString::fromStdString(landscape_csv(*map)), error);
}

void LandscapePanel::exportImage() {
    const QString path = QFileDialog::getSaveFileName(this, tr("Export the map"), QStringLiteral("landscape.png"),
                                                      tr("PNG image (*.png);;SVG drawing (*.svg)"));
    if (path.isEmpty() || !m_view->map()) return;
    QString error;
    const QSize size(1200, 900);
    const bool ok = path.endsWith(QStringLiteral(".svg"), Qt::CaseInsensitive)
                        ? save_svg(
                              [this, size](QPainter& p) {
                                  LandscapeLook look;
                                  look.time = m_view->time();
                                  look.highlight = m_view->highlight();
                                  paint_landscape(p, *m_view->map(), QRectF(QPointF(0, 0), QSizeF(size)), look);
                              },
                              size, tr("Landscape"), path, &error)
                        : save_image(m_view->image(size), path, &error);
    if (!ok) emit message(error);
}

}  // namespace dae::ui
