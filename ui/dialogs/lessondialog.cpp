#include "dialogs/lessondialog.h"

#include "log/logmodel.h"
#include "log/sessionlog.h"
#include "net/nativesocket.h"
#include "net/session.h"
#include "tabs/sessiontab.h"
#include "teach/lessonprogress.h"
#include "teach/programtext.h"

#include <QApplication>
#include <QClipboard>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFile>
#include <QFileDialog>
#include <QFontDatabase>
#include <QHBoxLayout>
#include <QLabel>
#include <QListWidget>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QVBoxLayout>

LessonDialog::LessonDialog(TabOf tabOf, QWidget *parent)
    : QDialog(parent)
    , m_tabOf(std::move(tabOf))
    , m_lessons(Lessons::builtIn())
{
    setObjectName(QStringLiteral("lessonDialog"));
    setWindowTitle(tr("Lessons"));
    setModal(false);
    build();
}

LessonDialog::~LessonDialog() = default;

void LessonDialog::build()
{
    auto *layout = new QVBoxLayout(this);
    auto *top = new QHBoxLayout;
    auto *choose = new QLabel(tr("&Lesson:"), this);
    m_lessonCombo = new QComboBox(this);
    m_lessonCombo->setObjectName(QStringLiteral("lessonCombo"));
    for (const Lesson &lesson : std::as_const(m_lessons))
        m_lessonCombo->addItem(lesson.title, lesson.name);
    choose->setBuddy(m_lessonCombo);
    auto *startButton = new QPushButton(tr("&Start Lesson"), this);
    startButton->setObjectName(QStringLiteral("startLessonButton"));
    connect(startButton, &QPushButton::clicked, this,
            [this] { start(m_lessonCombo->currentData().toString()); });
    top->addWidget(choose);
    top->addWidget(m_lessonCombo, 1);
    top->addWidget(startButton);
    layout->addLayout(top);

    m_introLabel = new QLabel(this);
    m_introLabel->setWordWrap(true);
    layout->addWidget(m_introLabel);
    m_stepList = new QListWidget(this);
    m_stepList->setObjectName(QStringLiteral("stepList"));
    m_stepList->setWordWrap(true);
    layout->addWidget(m_stepList, 2);
    m_whyLabel = new QLabel(this);
    m_whyLabel->setObjectName(QStringLiteral("whyLabel"));
    m_whyLabel->setWordWrap(true);
    layout->addWidget(m_whyLabel);

    layout->addWidget(new QLabel(tr("The program to run at the other end:"), this));
    m_programView = new QPlainTextEdit(this);
    m_programView->setObjectName(QStringLiteral("lessonProgramView"));
    m_programView->setReadOnly(true);
    m_programView->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_programView->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    layout->addWidget(m_programView, 3);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    auto *copy = buttons->addButton(tr("&Copy Program"), QDialogButtonBox::ActionRole);
    copy->setObjectName(QStringLiteral("copyProgramButton"));
    auto *save = buttons->addButton(tr("Save Program &As…"), QDialogButtonBox::ActionRole);
    save->setObjectName(QStringLiteral("saveProgramButton"));
    connect(copy, &QPushButton::clicked, this, &LessonDialog::copyProgram);
    connect(save, &QPushButton::clicked, this, &LessonDialog::saveProgram);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::close);
    layout->addWidget(buttons);
    resize(640, 720);
}

bool LessonDialog::start(const QString &name)
{
    const auto found = std::find_if(m_lessons.cbegin(), m_lessons.cend(),
                                    [&name](const Lesson &l) { return l.name == name; });
    if (found == m_lessons.cend())
        return false;
    const Lesson &lesson = *found;
    SessionTab *tab = m_tabOf(lesson.tab);
    if (!tab || !mayChange(tab, lesson))
        return false;
    m_lessonCombo->setCurrentIndex(m_lessonCombo->findData(name));
    // The lesson's port, or the next free one: a port another program holds would fail the
    // first step for a reason that is not the lesson's.
    const Transport transport =
            lesson.tab == QLatin1String("udp") ? Transport::Udp : Transport::Tcp;
    m_port = NativeSocket::freePortFrom(transport, QHostAddress(QHostAddress::Any), lesson.port);
    tab->setUpLesson(lesson, m_port);
    m_tab = tab;
    delete m_progress;
    m_progress = new LessonProgress(lesson, tab->baseSession(), this);
    connect(m_progress, &LessonProgress::stepDone, this, &LessonDialog::showSteps);
    disconnect(m_following);
    m_following = connect(tab, &SessionTab::setupChanged, this, &LessonDialog::showProgram);
    setWindowTitle(tr("Lesson: %1").arg(lesson.title));
    m_introLabel->setText(lesson.intro);
    showSteps();
    showProgram();
    return true;
}

// A tab that is open, or whose log has rows, is the user's: ask before changing it.
bool LessonDialog::mayChange(SessionTab *tab, const Lesson &lesson)
{
    const bool open = tab->baseSession()->state() != Session::State::Closed;
    if (!open && tab->sessionLog()->model()->rowCount() == 0)
        return true;
    QMessageBox box(QMessageBox::Question, tr("Start the Lesson?"),
                    open ? tr("The lesson \"%1\" uses the %2 tab, which is open now. Close it "
                              "and set it up for the lesson?")
                                   .arg(lesson.title, tab->name())
                         : tr("The lesson \"%1\" sets up the %2 tab's fields for itself. Change "
                              "them?")
                                   .arg(lesson.title, tab->name()),
                    QMessageBox::NoButton, this);
    box.setInformativeText(tr("Its log stays as it is."));
    QPushButton *yes = box.addButton(tr("Set Up the Tab"), QMessageBox::AcceptRole);
    yes->setObjectName(QStringLiteral("setUpTabButton"));
    QPushButton *no = box.addButton(QMessageBox::Cancel);
    no->setObjectName(QStringLiteral("keepTabButton"));
    box.setDefaultButton(yes);
    box.exec();
    return box.clickedButton() == yes;
}

void LessonDialog::showSteps()
{
    m_stepList->clear();
    if (!m_progress)
        return;
    const Lesson &lesson = m_progress->lesson();
    const QStringList done = m_progress->doneTexts();
    for (qsizetype i = 0; i < lesson.steps.size(); ++i) {
        const QString text = filled(lesson.steps.at(i).text);
        auto *item = new QListWidgetItem(m_stepList);
        if (i < done.size()) {
            item->setText(tr("%1. %2\n%3").arg(i + 1).arg(text, done.at(i)));
            item->setForeground(palette().color(QPalette::PlaceholderText));
        } else {
            item->setText(tr("%1. %2").arg(i + 1).arg(text));
            if (i == done.size()) {
                QFont bold = item->font();
                bold.setBold(true);
                item->setFont(bold);
                m_stepList->setCurrentItem(item);
            }
        }
    }
    const qsizetype last = done.size() - 1;
    m_whyLabel->setText(last < 0 ? QString()
                                 : m_progress->isFinished()
                                 ? filled(lesson.steps.at(last).why) + u"\n\n"
                                         + tr("Lesson complete. Choose the next one above.")
                                 : filled(lesson.steps.at(last).why));
}

void LessonDialog::showProgram()
{
    m_programView->setPlainText(program());
}

QString LessonDialog::program() const
{
    if (!m_progress || !m_tab)
        return {};
    const Lesson &lesson = m_progress->lesson();
    if (!lesson.usesCodePanelProgram())
        return lesson.ownProgram(m_port);
    return ProgramText::program(m_tab->sessionSetup(), ProgramText::Program::OtherEnd);
}

QString LessonDialog::filled(const QString &text) const
{
    QString out = text;
    return out.replace(QLatin1String("{port}"), QString::number(m_port));
}

void LessonDialog::copyProgram()
{
    QApplication::clipboard()->setText(program());
}

void LessonDialog::saveProgram()
{
    if (!m_progress || !m_tab)
        return;
    const Lesson &lesson = m_progress->lesson();
    const QString name = lesson.usesCodePanelProgram()
            ? ProgramText::fileName(m_tab->sessionSetup(), ProgramText::Program::OtherEnd)
            : lesson.programFile;
    const QString path = QFileDialog::getSaveFileName(this, tr("Save Program As"), name,
                                                      tr("Python (*.py);;All files (*)"));
    if (path.isEmpty())
        return;
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate)
        || file.write(program().toUtf8()) < 0 || !file.flush()) {
        QMessageBox::warning(this, tr("Save Program As"),
                             tr("Cannot write %1: %2. Choose a folder you can write to.")
                                     .arg(path, file.errorString()));
    }
}
