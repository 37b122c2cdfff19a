#include "framingpicker.h"

#include "payloadcodec.h"

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
    m_combo->addItem(tr("None: chunks only"), StreamFramer::key(Framing::None));
    m_combo->addItem(tr("Lines (LF)"), StreamFramer::key(Framing::Lf));
    m_combo->addItem(tr("Lines (CRLF)"), StreamFramer::key(Framing::CrLf));
    m_combo->addItem(tr("Delimiter"), StreamFramer::key(Framing::Delimiter));
    m_combo->addItem(tr("2-byte length prefix"), StreamFramer::key(Framing::Length16));
    m_combo->addItem(tr("4-byte length prefix"), StreamFramer::key(Framing::Length32));
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

Settings::Framing FramingPicker::choice() const
{
    return { m_combo->currentData().toString(), m_delimiterEdit->text() };
}

void FramingPicker::setChoice(const Settings::Framing &choice)
{
    m_delimiterEdit->setText(choice.delimiter);
    const int index = m_combo->findData(choice.key);
    m_combo->setCurrentIndex(std::max(0, index));
    update();
}

void FramingPicker::update()
{
    const Framing framing = StreamFramer::fromKey(m_combo->currentData().toString());
    m_delimiterEdit->setVisible(framing == Framing::Delimiter);
    QByteArray delimiter;
    if (framing == Framing::Delimiter) {
        const PayloadCodec::ParseResult parsed = PayloadCodec::parseText(m_delimiterEdit->text());
        // An invalid or empty delimiter frames nothing; the edit says why.
        QPalette palette = this->palette();
        if (!parsed.isValid() || parsed.bytes.isEmpty())
            palette.setColor(QPalette::Text, Qt::red);
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
