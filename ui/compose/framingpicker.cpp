#include "compose/framingpicker.h"

#include "text/payloadcodec.h"
#include "widgets/keyedcombo.h"
#include "widgets/palette.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QLineEdit>

using Framing = StreamFramer::Framing;

FramingPicker::FramingPicker(QWidget *parent)
    : QWidget(parent)
    , m_combo(new QComboBox(this))
    , m_delimiterEdit(new QLineEdit(this))
{
    m_combo->setObjectName(QStringLiteral("framingCombo"));
    m_delimiterEdit->setObjectName(QStringLiteral("delimiterEdit"));
    KeyedCombo::addItem(m_combo, Framing::None, tr("None: chunks only"));
    KeyedCombo::addItem(m_combo, Framing::Lf, tr("Lines (LF)"));
    KeyedCombo::addItem(m_combo, Framing::CrLf, tr("Lines (CRLF)"));
    KeyedCombo::addItem(m_combo, Framing::Delimiter, tr("Delimiter"));
    KeyedCombo::addItem(m_combo, Framing::Length16, tr("2-byte length prefix"));
    KeyedCombo::addItem(m_combo, Framing::Length32, tr("4-byte length prefix"));
    m_combo->setToolTip(tr("TCP is a byte stream: one send can arrive as several reads, several "
                           "sends as one. The log always shows each read; a framing also shows "
                           "every complete message. Length prefixes are big-endian."));
    m_delimiterEdit->setPlaceholderText(tr("e.g. \\0 or \\r\\n\\r\\n"));
    m_delimiterEdit->setToolTip(tr("The bytes that end a message, as text with escapes: \\n \\r "
                                   "\\t \\0 \\\\ \\xHH."));
    m_delimiterEdit->setMaximumWidth(fontMetrics().horizontalAdvance(u'0') * 14);

    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_combo);
    layout->addWidget(m_delimiterEdit);
    connect(m_combo, &QComboBox::currentIndexChanged, this, &FramingPicker::update);
    connect(m_delimiterEdit, &QLineEdit::textChanged, this, &FramingPicker::update);
    update();
}

FramingPicker::~FramingPicker() = default;

StreamFramer FramingPicker::framer() const
{
    return m_framer;
}

void FramingPicker::load(const Settings::Group &settings)
{
    m_delimiterEdit->setText(settings.text(u"delimiter", QStringLiteral("\\0")));
    KeyedCombo::setValue(m_combo, settings.choice<Framing>(u"framing"));
    update();
}

void FramingPicker::save(Settings::Group &settings) const
{
    settings.setChoice(u"framing", KeyedCombo::value<Framing>(m_combo));
    settings.setValue(u"delimiter", m_delimiterEdit->text());
}

void FramingPicker::update()
{
    const Framing framing = KeyedCombo::value<Framing>(m_combo);
    m_delimiterEdit->setVisible(framing == Framing::Delimiter);
    QByteArray delimiter;
    if (framing == Framing::Delimiter) {
        const PayloadCodec::ParseResult parsed = PayloadCodec::parseText(m_delimiterEdit->text());
        // An invalid or empty delimiter frames nothing; the edit says why.
        QPalette palette = this->palette();
        if (!parsed.isValid() || parsed.bytes.isEmpty())
            palette.setColor(QPalette::Text, Palette::error());
        m_delimiterEdit->setPalette(palette);
        m_delimiterEdit->setToolTip(parsed.isValid()
                                            ? tr("The bytes that end a message, as text with "
                                                 "escapes: \\n \\r \\t \\0 \\\\ \\xHH.")
                                            : parsed.error);
        if (parsed.isValid())
            delimiter = parsed.bytes;
    }
    const StreamFramer framer(framing, delimiter);
    if (framer.framing() == m_framer.framing() && framer.delimiter() == m_framer.delimiter())
        return;
    m_framer = framer;
    Q_EMIT framerChanged(m_framer);
}
