#include "dynamics/dynamics_panel.h"

#include "dae/judge.h"
#include "dae/rng.h"
#include "dynamics/digit_editor.h"
#include "dynamics/iteration_settings.h"
#include "dynamics/set_explorer.h"
#include "dynamics/trajectory_player.h"
#include "render/tile_image.h"
#include "widgets/draw_canvas.h"
#include "widgets/image_view.h"
#include "widgets/message_bar.h"
#include "workers/bar_reporter.h"

#include <QComboBox>
#include <QGridLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QScrollArea>
#include <QSlider>
#include <QSpinBox>
#include <QSplitter>
#include <QStyle>
#include <QThread>
#include <QToolBox>
#include <QVBoxLayout>

#include <algorithm>

namespace dae::ui {

DynamicsPanel::DynamicsPanel(QWidget* parent) : QWidget(parent) {
    m_player = new TrajectoryPlayer(this);
    m_set = new SetExplorer(this);
    m_settings = new IterationSettings(this);
    m_legend = new QLabel(this);
    m_legend->setWordWrap(true);
    m_legend->setTextFormat(Qt::RichText);
    m_judge_state = new QLabel(this);
    m_judge_state->setWordWrap(true);

    auto* traj = new QGroupBox(tr("Trajectory  xⁱ = r(xⁱ⁻¹)"), this);
    auto* tl = new QVBoxLayout(traj);
    tl->addWidget(m_player);
    // Three columns: what to iterate (with the settings and the outcomes' meaning folded below it),
    // the trajectory, and the whole set with its counts and gallery.
    m_side = new QToolBox(this);
    auto* legend_scroll = new QScrollArea(this);
    legend_scroll->setWidget(m_legend);
    legend_scroll->setWidgetResizable(true);
    legend_scroll->setFrameShape(QFrame::NoFrame);
    m_side->addItem(buildInput(), tr("Input: a test digit or a drawing"));
    m_side->addItem(legend_scroll, tr("What do these outcomes mean?"));
    m_side->addItem(m_settings, tr("Iteration settings"));
    int widest = 0;  // every page readable without scrolling sideways (the toolbox's own minimum is not)
    for (int i = 0; i < m_side->count(); ++i)
        widest = std::max(widest, m_side->widget(i)->minimumSizeHint().width());
    m_side->setMinimumWidth(widest + style()->pixelMetric(QStyle::PM_ScrollBarExtent) + 8);

    auto* set = new QGroupBox(tr("The whole set: where every digit ends"), this);
    auto* sl = new QVBoxLayout(set);
    sl->addWidget(m_set);
    auto* splitter = new QSplitter(Qt::Horizontal, this);
    splitter->setObjectName(QStringLiteral("iterate"));
    splitter->addWidget(m_side);
    splitter->addWidget(traj);
    splitter->addWidget(set);
    splitter->setStretchFactor(0, 2);
    splitter->setStretchFactor(1, 3);
    splitter->setStretchFactor(2, 3);
    splitter->setChildrenCollapsible(false);
    auto* layout = new QVBoxLayout(this);
    m_note = new NoteLabel(this);
    layout->addWidget(m_note);
    layout->setContentsMargins(2, 2, 2, 2);
    layout->addWidget(splitter);

    connect(m_player, &TrajectoryPlayer::message, this, &DynamicsPanel::message);
    connect(m_set, &SetExplorer::runRequested, this, &DynamicsPanel::iterateSet);
    connect(m_set, &SetExplorer::cancelRequested, this, &DynamicsPanel::cancel);
    connect(m_set, &SetExplorer::sampleChosen, this, [this](Index i) {
        m_index->setValue(static_cast<int>(i));
        iterateSample(i);
    });
    connect(m_settings, &IterationSettings::changed, this, &DynamicsPanel::updateLegend);
    updateLegend();
}

DynamicsPanel::~DynamicsPanel() = default;

QWidget* DynamicsPanel::buildInput() {
    m_index = new QSpinBox(this);
    m_index->setPrefix(tr("digit #"));
    m_index->setToolTip(tr("Which test digit x⁰ to iterate"));
    m_label_filter = new QComboBox(this);
    m_label_filter->addItem(tr("any label"), -1);
    for (int d = 0; d < 10; ++d)
        m_label_filter->addItem(tr("label %1").arg(d), d);
    m_label_filter->setToolTip(tr("Random picks only digits of this label"));
    auto* random = new QPushButton(tr("Random"), this);
    auto* go = new QPushButton(tr("Iterate digit"), this);
    go->setToolTip(tr("Iterate the chosen test digit"));
    m_editor = new DigitEditor(this);
    m_cancel = new QPushButton(tr("Cancel"), this);
    m_cancel->setEnabled(false);
    auto* input = new QWidget(this);
    auto* in = new QGridLayout(input);
    in->addWidget(m_index, 0, 0);
    in->addWidget(m_label_filter, 0, 1);
    in->addWidget(random, 1, 0);
    in->addWidget(go, 1, 1);
    in->addWidget(new QLabel(tr("…or draw a digit, or edit a real one:"), this), 2, 0, 1, 2);
    in->addWidget(m_editor, 3, 0, 1, 2);
    in->addWidget(m_cancel, 4, 0, 1, 2);
    in->addWidget(m_judge_state, 5, 0, 1, 2);
    in->setRowStretch(6, 1);
    connect(random, &QPushButton::clicked, this, [this] {
        const int want = m_label_filter->currentData().toInt();
        std::vector<Index> candidates;
        for (Index j = 0; j < m_data->test.size(); ++j)
            if (want < 0 || m_data->test.labels[static_cast<std::size_t>(j)] == want) candidates.push_back(j);
        if (candidates.empty()) return;
        static Rng rng(12345);
        m_index->setValue(static_cast<int>(candidates[rng.below(candidates.size())]));
        iterateSample(m_index->value());
    });
    connect(go, &QPushButton::clicked, this, [this] { iterateSample(m_index->value()); });
    connect(m_editor, &DigitEditor::iterateRequested, this, &DynamicsPanel::iterateDrawing);
    connect(m_editor, &DigitEditor::startFromDigitRequested, this, [this] { editDigit(m_index->value()); });
    connect(m_editor, &DigitEditor::startFromEndRequested, this, &DynamicsPanel::editEndPoint);
    connect(m_cancel, &QPushButton::clicked, this, &DynamicsPanel::cancel);
    return input;
}

Vector DynamicsPanel::preparedDrawing() const { return m_editor->pixelsToIterate(); }

DrawCanvas* DynamicsPanel::canvas() const { return m_editor->canvas(); }

bool DynamicsPanel::editDigit(Index i) {
    if (i < 0 || i >= m_data->test.size()) return false;
    if (m_index->value() != i) {
        const QSignalBlocker b(m_index);
        m_index->setValue(static_cast<int>(i));
    }
    m_editor->startFrom(m_data->test.samples.col(i), m_data->test.labels[static_cast<std::size_t>(i)],
                        tr("test digit %1").arg(i));
    return true;
}

void DynamicsPanel::editEndPoint() {
    const Trajectory& t = m_player->trajectory();
    if (t.frames.cols() == 0) {
        emit message(tr("Iterate a digit first: its end point is what would be edited"));
        return;
    }
    m_editor->startFrom(t.frames.col(t.steps()), t.label, tr("an end point"));
}

void DynamicsPanel::updateLegend() { m_legend->setText(outcome_legend_html(m_settings->config())); }

QString DynamicsPanel::legendText() const { return m_legend->text(); }

void DynamicsPanel::setData(SharedPartition partition) {
    m_trajectories.cancel();
    m_sets.cancel();
    m_data = std::move(partition);
    m_editor->clear();  // a digit of the old data set is not edited on
    m_last_original.reset();
    m_index->setRange(0, static_cast<int>(std::max<Index>(0, m_data->test.size() - 1)));
    m_set->setSetName(QString::fromLatin1(m_data->test_name()));
    m_set->clear();
}

QString DynamicsPanel::judgeMissing() const {
    return !m_judge_missing.isEmpty() ? m_judge_missing : tr("No judge to read the outcomes yet");
}

void DynamicsPanel::setJudgeState(const QString& state, const QString& missing) {
    m_judge_state->setText(state);
    m_judge_missing = missing;
}

void DynamicsPanel::setJudge(const Judge& judge) {
    m_judge = judge;
    // A trajectory iterated before the judge was ready gets its readings now, so that no
    // "(the judge is not ready yet)" outlives the judge.
    const Trajectory& shown = m_player->trajectory();
    if (m_judge.trained() && m_last_input && shown.frames.cols() > 0 && shown.predicted.empty())
        iterate(m_last_input->first, m_last_input->second, m_last_original);
}

void DynamicsPanel::setModel(const Autoencoder& model) {
    m_model = model;
    m_has_model = model.visible() == m_data->test.dim() || m_data->test.size() == 0;
}

void DynamicsPanel::iterateSample(Index i) {
    if (!m_has_model || i < 0 || i >= m_data->test.size()) return;
    if (m_index->value() != i) {
        const QSignalBlocker b(m_index);
        m_index->setValue(static_cast<int>(i));
    }
    iterate(m_data->test.samples.col(i), m_data->test.labels[static_cast<std::size_t>(i)]);
}

void DynamicsPanel::iterateDrawing() {
    if (!m_has_model || m_editor->canvas()->pixels().size() != m_model.visible()) return;
    if (m_editor->editingRealDigit())
        iterate(m_editor->pixelsToIterate(), m_editor->label(), Original{*m_editor->original(), m_editor->origin()});
    else
        iterate(m_editor->pixelsToIterate(), -1);
}

void DynamicsPanel::iterate(const Vector& x, int label, std::optional<Original> original) {
    m_last_input = {x, label};
    m_last_original = original;
    m_trajectories.cancel();
    m_cancel->setEnabled(true);
    using Pair = std::pair<Trajectory, std::optional<Trajectory>>;
    m_trajectories.run(
        [m = m_model, x, label, original, j = m_judge, c = m_settings->config()](const JobContext& ctx) {
            Pair p{compute_trajectory(m, x, label, j, c, ctx.observer()), std::nullopt};
            if (original && !ctx.cancelled())
                p.second = compute_trajectory(m, original->pixels, label, j, c, ctx.observer());
            return p;
        },
        [this](Pair p) {
            m_cancel->setEnabled(false);
            m_player->setTrajectory(p.first);
            if (p.second && m_last_original)
                m_player->setComparison(*p.second, tr("the original (%1)").arg(m_last_original->name));
            emit trajectoryShown();
        },
        [this](const QString& why) { emit message(why); });
}

void DynamicsPanel::iterateSet() {
    if (!m_has_model || m_data->test.size() == 0) return;
    if (!m_judge.trained()) {
        emit message(judgeMissing());
        return;
    }
    m_sets.cancel();
    m_set->started();
    m_sets.run(
        [this, m = m_model, data = m_data, j = m_judge, c = m_settings->config()](const JobContext& ctx) {
            StepReporter steps(ctx, [this](const IterationStep& s) { m_set->progress(s); });
            return compute_set(m, data->test, j, c, &steps);
        },
        [this](SetResult r) {
            m_set->setResult(r);
            emit setFinished();
        },
        [this](const QString& why) { emit message(why); });
}

void DynamicsPanel::cancel() {
    m_trajectories.cancel();
    m_sets.cancel();
    m_cancel->setEnabled(false);
    m_set->cancelButton()->setEnabled(false);
    emit message(tr("Iteration cancelled"));
}

void DynamicsPanel::setModelNote(const QString& note) { m_note->setNote(note); }

QString DynamicsPanel::modelNote() const { return m_note->note(); }

}  // namespace dae::ui
