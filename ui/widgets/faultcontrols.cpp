#include "widgets/faultcontrols.h"

#include "ui_faultcontrols.h"
#include "widgets/palette.h"

#include <QSignalBlocker>
#include <QStyle>
#include <QStyleOptionGroupBox>

FaultControls::FaultControls(QWidget *parent)
    : QGroupBox(parent)
    , m_ui(std::make_unique<Ui::FaultControls>())
{
    m_ui->setupUi(this);
    QPalette colours = m_ui->faultsLabel->palette();
    colours.setColor(QPalette::WindowText, Palette::error());
    m_ui->faultsLabel->setPalette(colours);
    for (QSpinBox *spin : { m_ui->dropSpin, m_ui->delayMinSpin, m_ui->delayMaxSpin,
                            m_ui->duplicateSpin, m_ui->reorderSpin })
        connect(spin, &QSpinBox::valueChanged, this, &FaultControls::fieldsChanged);
    connect(this, &QGroupBox::toggled, this, [this](bool shown) {
        fold(shown);
        fieldsChanged();
    });
    fold(false);
    fieldsChanged();
}

FaultControls::~FaultControls() = default;

FaultSpec FaultControls::spec() const
{
    if (!isChecked())
        return {};
    FaultSpec spec;
    spec.dropPercent = m_ui->dropSpin->value();
    spec.delayMinMs = m_ui->delayMinSpin->value();
    // "fixed", or a bound below the start: the same delay every time.
    spec.delayMaxMs = std::max(spec.delayMinMs, m_ui->delayMaxSpin->value());
    if (m_datagrams) {
        spec.duplicatePercent = m_ui->duplicateSpin->value();
        spec.reorderPercent = m_ui->reorderSpin->value();
    }
    return spec;
}

void FaultControls::setSpec(const FaultSpec &spec)
{
    {
        const QSignalBlocker blocker(this); // one specChanged() for all of it, below
        m_ui->dropSpin->setValue(spec.dropPercent);
        m_ui->delayMinSpin->setValue(spec.delayMinMs);
        m_ui->delayMaxSpin->setValue(spec.hasRandomDelay() ? spec.delayMaxMs : 0);
        m_ui->duplicateSpin->setValue(spec.duplicatePercent);
        m_ui->reorderSpin->setValue(spec.reorderPercent);
        setChecked(spec.isActive());
    }
    fold(isChecked());
    fieldsChanged();
}

void FaultControls::setDatagrams(bool datagrams)
{
    m_datagrams = datagrams;
    const QString stream = tr("A TCP stream delivers every byte once and in order: there is "
                              "nothing to duplicate or reorder. Use a UDP session for these.");
    for (QWidget *field : { static_cast<QWidget *>(m_ui->duplicateSpin),
                            static_cast<QWidget *>(m_ui->reorderSpin) }) {
        field->setEnabled(datagrams);
        if (!datagrams)
            field->setToolTip(stream);
    }
    m_ui->duplicateLabel->setEnabled(datagrams);
    m_ui->reorderLabel->setEnabled(datagrams);
    fieldsChanged();
}

QString FaultControls::summary() const
{
    const QString words = FaultSpecs::inWords(spec());
    return words.isEmpty() ? QString() : tr("Faults: %1").arg(words);
}

void FaultControls::fieldsChanged()
{
    // Short, beside the fields that say the rest (the status line says it all): the row must
    // fit beside the Multicast box in a 1024-pixel window.
    const QString words = summary();
    m_ui->faultsLabel->setText(words.isEmpty() ? tr("No fault set yet") : tr("Faults are on"));
    m_ui->faultsLabel->setToolTip(words);
    m_ui->faultsLabel->setEnabled(!words.isEmpty()); // greyed while nothing happens
    Q_EMIT specChanged(spec());
}

// Folded, the box is its title alone: no empty frame under it (as the UDP tab's Multicast).
void FaultControls::fold(bool shown)
{
    if (m_margins.isNull())
        m_margins = m_ui->faultLayout->contentsMargins();
    m_ui->faultFields->setVisible(shown);
    setFlat(!shown);
    m_ui->faultLayout->setContentsMargins(shown ? m_margins : QMargins());
    QStyleOptionGroupBox title;
    title.initFrom(this);
    title.subControls = QStyle::SC_GroupBoxCheckBox | QStyle::SC_GroupBoxLabel;
    title.text = this->title();
    title.features = QStyleOptionFrame::Flat;
    const auto part = [this, &title](QStyle::SubControl control) {
        return style()->subControlRect(QStyle::CC_GroupBox, &title, control, this);
    };
    const int titleHeight =
            part(QStyle::SC_GroupBoxCheckBox).united(part(QStyle::SC_GroupBoxLabel)).bottom() + 1;
    setMaximumHeight(shown ? QWIDGETSIZE_MAX : titleHeight);
}
