#include "dialogs/codedialog.h"

#include "tabs/sessiontab.h"
#include "widgets/keyedcombo.h"

#include <QApplication>
#include <QClipboard>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QFontDatabase>
#include <QHBoxLayout>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QScrollBar>
#include <QStandardPaths>
#include <QTimer>
#include <QVBoxLayout>

using ProgramText::Program;

CodeDialog::CodeDialog(Settings &settings, QWidget *parent)
    : QDialog(parent)
    , m_settings(settings)
    , m_programCombo(new QComboBox(this))
    , m_aboutLabel(new QLabel(this))
    , m_codeView(new QPlainTextEdit(this))
{
    setObjectName(QStringLiteral("codeDialog"));
    setModal(false);
    m_programCombo->setObjectName(QStringLiteral("programCombo"));
    KeyedCombo::addItem(m_programCombo, Program::OtherEnd, tr("The other end (Python)"));
    KeyedCombo::addItem(m_programCombo, Program::ThisEnd, tr("This end (Python)"));
    KeyedCombo::addItem(m_programCombo, Program::QtThisEnd, tr("This end (Qt C++)"));
    KeyedCombo::setValue(m_programCombo,
                         m_settings.group(QStringLiteral("code")).choice<Program>(u"program"));
    QDialogButtonBox *buttons = buildLayout();
    const auto button = [buttons](const char *name) {
        return buttons->findChild<QPushButton *>(QLatin1StringView(name));
    };
    connect(m_programCombo, &QComboBox::currentIndexChanged, this, [this] {
        m_settings.group(QStringLiteral("code")).setChoice(u"program", program());
        update();
    });
    connect(button("copyButton"), &QPushButton::clicked, this, &CodeDialog::copy);
    connect(button("saveButton"), &QPushButton::clicked, this, &CodeDialog::saveAs);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::close);
}

CodeDialog::~CodeDialog() = default;

// The program's choice above its text, the buttons below; returns the buttons.
QDialogButtonBox *CodeDialog::buildLayout()
{
    auto *programLabel = new QLabel(tr("&Program:"), this);
    programLabel->setBuddy(m_programCombo);
    m_aboutLabel->setObjectName(QStringLiteral("aboutLabel"));
    m_aboutLabel->setWordWrap(true);
    m_codeView->setObjectName(QStringLiteral("codeView"));
    m_codeView->setReadOnly(true);
    m_codeView->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_codeView->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    QPushButton *copyButton = buttons->addButton(tr("C&opy"), QDialogButtonBox::ActionRole);
    copyButton->setObjectName(QStringLiteral("copyButton"));
    QPushButton *saveButton = buttons->addButton(tr("&Save As…"), QDialogButtonBox::ActionRole);
    saveButton->setObjectName(QStringLiteral("saveButton"));

    auto *top = new QHBoxLayout;
    top->addWidget(programLabel);
    top->addWidget(m_programCombo);
    top->addStretch(1);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(top);
    layout->addWidget(m_aboutLabel);
    layout->addWidget(m_codeView, 1);
    layout->addWidget(buttons);
    // A hundred columns of code, the programs' widest lines.
    const int digit = m_codeView->fontMetrics().horizontalAdvance(u'0');
    resize(digit * 100 + 2 * m_codeView->frameWidth()
                   + m_codeView->verticalScrollBar()->sizeHint().width()
                   + layout->contentsMargins().left() + layout->contentsMargins().right(),
           digit * 70);

    return buttons;
}

void CodeDialog::setTab(SessionTab *tab)
{
    disconnect(m_following);
    m_tab = tab;
    if (tab)
        m_following = connect(tab, &SessionTab::setupChanged, this, &CodeDialog::scheduleUpdate);
    update();
}

Program CodeDialog::program() const
{
    return KeyedCombo::value<Program>(m_programCombo);
}

QString CodeDialog::text() const
{
    return m_codeView->toPlainText();
}

// A field typed into changes the program at every key: written once the typing has paused
// for the event loop, not once per signal.
void CodeDialog::scheduleUpdate()
{
    if (m_updateQueued)
        return;
    m_updateQueued = true;
    QTimer::singleShot(0, this, [this] {
        m_updateQueued = false;
        update();
    });
}

void CodeDialog::update()
{
    if (!m_tab) {
        m_codeView->clear();
        return;
    }
    const SessionSetup setup = m_tab->sessionSetup();
    setWindowTitle(tr("Code: %1").arg(m_tab->name()));
    switch (program()) {
    case Program::OtherEnd:
        m_aboutLabel->setText(tr("Run this against the tab: python3 %1")
                                  .arg(ProgramText::fileName(setup, program())));
        break;
    case Program::ThisEnd:
        m_aboutLabel->setText(tr("What the tab does, as a Python program: python3 %1")
                                  .arg(ProgramText::fileName(setup, program())));
        break;
    case Program::QtThisEnd:
        m_aboutLabel->setText(tr("What the tab does, in Qt C++ (Qt 6, Network). Its first lines "
                                 "say how to build it."));
        break;
    }
    const int scroll = m_codeView->verticalScrollBar()->value();
    m_codeView->setPlainText(ProgramText::program(setup, program()));
    m_codeView->verticalScrollBar()->setValue(scroll); // it follows the tab without jumping
}

void CodeDialog::copy()
{
    QApplication::clipboard()->setText(text());
}

void CodeDialog::saveAs()
{
    if (!m_tab)
        return;
    Settings::Group saved = m_settings.group(QStringLiteral("code"));
    const QString folder = saved.text(
        u"folder", QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation));
    const QString name = ProgramText::fileName(m_tab->sessionSetup(), program());
    const QString path
        = QFileDialog::getSaveFileName(this, tr("Save the Program As"), folder + u'/' + name);
    if (path.isEmpty())
        return;
    saved.setValue(u"folder", QFileInfo(path).absolutePath());
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate) || file.write(text().toUtf8()) < 0
        || !file.flush()) {
        m_aboutLabel->setText(tr("Not saved: %1 (%2)").arg(path, file.errorString()));
        return;
    }
    m_aboutLabel->setText(tr("Saved as %1").arg(path));
}
