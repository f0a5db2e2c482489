#include "guided_tour.h"

#include <QEvent>
#include <QHBoxLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QPainter>
#include <QPushButton>
#include <QSettings>
#include <QVBoxLayout>

namespace dae::ui {

namespace {

constexpr const char* kSeenKey = "tour/seen";

// A frame drawn around the part a step is about; clicks pass through it.
class Outline : public QWidget {
public:
    explicit Outline(QWidget* parent) : QWidget(parent) {
        setAttribute(Qt::WA_TransparentForMouseEvents);
        setAttribute(Qt::WA_NoSystemBackground);
    }

protected:
    void paintEvent(QPaintEvent*) override {
        QPainter p(this);
        p.setRenderHint(QPainter::Antialiasing);
        p.setPen(QPen(QColor(0xe6, 0x7e, 0x22), 3));
        p.drawRoundedRect(QRectF(rect()).adjusted(1.5, 1.5, -1.5, -1.5), 6, 6);
    }
};

}  // namespace

GuidedTour::GuidedTour(QWidget* window, QSettings* store, std::vector<Step> steps)
    : QFrame(window), m_window(window), m_store(store), m_steps(std::move(steps)) {
    setObjectName(QStringLiteral("guidedTour"));
    setFrameShape(QFrame::StyledPanel);
    setAutoFillBackground(true);
    setStyleSheet(QStringLiteral("#guidedTour { background: palette(base); border: 2px solid #e67e22; "
                                 "border-radius: 8px; }"));
    m_outline = new Outline(window);
    m_outline->hide();
    m_title = new QLabel(this);
    QFont bold = m_title->font();
    bold.setBold(true);
    bold.setPointSizeF(bold.pointSizeF() * 1.15);
    m_title->setFont(bold);
    m_text = new QLabel(this);
    m_text->setWordWrap(true);
    m_text->setTextFormat(Qt::RichText);
    m_count = new QLabel(this);
    m_back = new QPushButton(tr("Back"), this);
    m_next = new QPushButton(tr("Next"), this);
    m_skip = new QPushButton(tr("Skip tour"), this);
    m_skip->setToolTip(tr("End the tour (Esc); Help → Guided tour shows it again"));
    m_next->setDefault(true);
    auto* buttons = new QHBoxLayout;
    buttons->addWidget(m_count);
    buttons->addStretch(1);
    buttons->addWidget(m_skip);
    buttons->addWidget(m_back);
    buttons->addWidget(m_next);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_title);
    layout->addWidget(m_text, 1);
    layout->addLayout(buttons);
    setFixedWidth(440);
    connect(m_next, &QPushButton::clicked, this, &GuidedTour::next);
    connect(m_back, &QPushButton::clicked, this, &GuidedTour::back);
    connect(m_skip, &QPushButton::clicked, this, &GuidedTour::finish);
    window->installEventFilter(this);
    hide();
}

bool GuidedTour::seen(const QSettings& store) { return store.value(QLatin1String(kSeenKey), false).toBool(); }

void GuidedTour::start() { show_step(0); }

void GuidedTour::next() {
    if (m_step + 1 >= steps())
        finish();
    else
        show_step(m_step + 1);
}

void GuidedTour::back() {
    if (m_step > 0) show_step(m_step - 1);
}

void GuidedTour::finish() {
    hide();
    m_outline->hide();
    m_target = nullptr;
    m_step = -1;
    m_store->setValue(QLatin1String(kSeenKey), true);
    emit finished();
}

void GuidedTour::show_step(int i) {
    m_step = i;
    const Step& s = m_steps[static_cast<std::size_t>(i)];
    m_target = s.show ? s.show() : nullptr;
    m_title->setText(s.title);
    m_text->setText(s.text);
    m_count->setText(tr("%1 of %2").arg(i + 1).arg(steps()));
    m_back->setEnabled(i > 0);
    m_next->setText(i + 1 == steps() ? tr("Done") : tr("Next"));
    adjustSize();
    place();
    show();
    raise();
    m_next->setFocus();
}

// The card sits in the window's lower middle, or beside its part when that is in the way; the
// outline follows the part.
void GuidedTour::place() {
    QRect target;
    if (m_target && m_target->isVisible())
        target = QRect(m_target->mapTo(m_window, QPoint(0, 0)), m_target->size()).intersected(m_window->rect());
    if (target.isValid()) {
        m_outline->setGeometry(target.adjusted(-2, -2, 2, 2));
        m_outline->show();
        m_outline->raise();
    } else {
        m_outline->hide();
    }
    const QRect area = m_window->rect().adjusted(16, 16, -16, -16);
    QRect card(QPoint(0, 0), sizeHint().expandedTo(QSize(width(), 0)));
    card.moveCenter(QPoint(area.center().x(), area.bottom() - card.height() / 2 - 40));
    if (target.isValid() && card.intersects(target)) {
        // Beside the part: right of it when there is room, else left, else above.
        const int top = std::clamp(target.center().y() - card.height() / 2, area.top(),
                                   std::max(area.top(), area.bottom() - card.height()));
        if (target.right() + 16 + card.width() <= area.right()) {
            card.moveLeft(target.right() + 16);
            card.moveTop(top);
        } else if (target.left() - 16 - card.width() >= area.left()) {
            card.moveRight(target.left() - 16);
            card.moveTop(top);
        } else if (target.top() - 16 - card.height() >= area.top()) {
            card.moveBottom(target.top() - 16);
        } else {
            card.moveTop(std::min(target.bottom() + 16, area.bottom() - card.height()));
        }
    }
    setGeometry(card);
    raise();
}

bool GuidedTour::eventFilter(QObject* watched, QEvent* event) {
    if (watched == m_window && isVisible() &&
        (event->type() == QEvent::Resize || event->type() == QEvent::LayoutRequest))
        place();
    return QFrame::eventFilter(watched, event);
}

void GuidedTour::keyPressEvent(QKeyEvent* event) {
    if (event->key() == Qt::Key_Escape) {
        finish();
        return;
    }
    QFrame::keyPressEvent(event);
}

}  // namespace dae::ui
