# Unstuck's interface text: English, the source and fallback of every
# other language. A message's id changes when its meaning changes.
# Variables: $guide (a guide's title), $question (a question's prompt),
# $number and $count (numbers), others as named.

## The page shell

skip-to-content = Skip to content
site-tagline = Troubleshooting guides
site-privacy = Unstuck sets no cookies and keeps your answers only in the page address.
page-title = { $page } · Unstuck
language-switcher = Language
# Offered, in its own language, to a reader whose browser prefers it.
read-in-language = Read this guide in English

## The catalog

catalog-title = Unstuck — troubleshooting guides
catalog-heading = What needs fixing?
catalog-filter-label = Filter guides by problem or symptom
catalog-search-label = Search guides by problem or symptom
catalog-search-button = Search
catalog-no-match = No guide matches “{ $query }”. Here are all the guides:
catalog-matches =
    { $count ->
        [one] One guide matches “{ $query }”
       *[other] { $count } guides match “{ $query }”
    }
catalog-search-title = “{ $query }” · Unstuck
match-title = Title
match-summary = Summary
match-symptom = Symptom
match-faq = FAQ

## A step of the interactive guide

step-label = Step { $number }
step-label-changing = Step { $number } — changing your answer
step-title = Step { $number } — { $heading } · { $guide }
heading-title = { $heading } · { $guide }
change-title = Change your answer — { $question }
caution-title = Caution: { $section }
change-later = You can change your answer later.
why-this-step = Why this step:
caution-before = Before you continue: { $section }
caution-next-question = The next question is: { $question }
acknowledge = I understand — show the step
go-back = Go back to the previous question
keep-answer = Keep my answer
your-answer-now = (your answer now)
answers-label = Answers
your-answers = Your answers
change = Change
change-aria = Change your answer to: { $question }
start-over = Start over
show-full-guide = Show full guide
steps-for-model = Steps for: { $model }
change-model = Change model
step-differs = This step differs between them:
model-marks = ({ $models })
model-or = { " " }or{ " " }

## What changing an answer did

answer-stays = Your answer to “{ $question }” stays { $answer }.
answer-changed = You changed “{ $question }” from { $old } to { $new }.
answers-left =
    { $count ->
        [one] This answer no longer applies. It is kept: change back to use it again.
       *[other] These answers no longer apply. They are kept: change back to use them again.
    }
answers-rejoined =
    { $count ->
        [one] This earlier answer applies again:
       *[other] These earlier answers apply again:
    }

## Outcomes

outcome-fixed = Fixed
outcome-escalate = Time to get help
outcome-fixed-short = (fixed)
outcome-escalate-short = (get help)

## Parts of a step

label-goal = Goal:
label-expect = What you should see:
label-caution = Caution:
label-warning = Warning:
label-good = Good:
label-bad = Bad:
label-how = How:

## The support summary

summary = Support summary
summary-page-title = Support summary · { $guide }
summary-have-ready = Have this ready when you call. It is built from your answers.
summary-fill-link = Fill in, copy, download or print the support summary
summary-for = For:
summary-outcome = Outcome:
summary-not-reached = not reached yet
summary-answers-given = Answers given
summary-to-fill = (to fill in)
summary-update = Update summary
summary-download = Download .txt
summary-as-text = As text
summary-select-to-copy = Select the text and copy it.
summary-copy-or-print = Copy or print the text with these buttons, or select it.
summary-add-heading = Add what only you know
summary-add-what-you-know = Add what only you know (the model, when the problem started…) to the text, then copy, download or print it.
back-to-guide = Back to the guide
back-to-outcome = Back to the outcome
copy = Copy
copied = Copied
print = Print

## The full guide

full-title = Full guide · { $guide }
full-start = Start the step-by-step guide
full-models-note = Steps marked with a model are for that model only.
full-diagnostic = Step-by-step diagnostic
full-steps = Steps
full-questions = The questions
full-questions-intro = The step-by-step guide asks these, one at a time. Each answer leads to the next question or to an outcome.
full-picture = See the whole decision tree (a picture of the questions below)
full-outcomes = Outcomes
picture-title = The decision tree
back-to-full-guide = Back to the full guide
reviewed-by = Reviewed by { $name } on { $date }

## "Was this helpful?"

rate-title = Rate this guide
rate-thanks = Thanks for your feedback.
rate-not-sent = Not sent:
rate-question = Was this helpful?
rate-comment = Anything to add? (optional)
rate-yes = Yes
rate-no = No
rate-comment-too-long = Please keep the comment under { $max } characters.
rate-too-many = You have sent a lot of feedback in a short time. Please wait a minute and try again.
rate-unavailable = We could not save your feedback just now. Please try again in a moment.
rate-no-store = Feedback cannot be saved on this server. Please try again later.

## Error pages

error-no-guide-title = No such guide
error-no-guide = There is no guide called “{ $id }”. It may have moved or been renamed.
error-not-found-title = Page not found
error-not-found = There is nothing at this address.
error-bad-link-title = This link does not work
error-bad-link = The address of this “{ $guide }” page has a problem: { $problem }.
error-answers-kept = Your earlier answers are kept in the link below.
error-last-good-step = Go back to the last good step
error-start-again = Start the guide again
error-bad-form-title = This form could not be read
problem-too-long = it is too long
problem-damaged = it is damaged near “{ $part }”
problem-unknown = it names something this guide does not have
problem-repeated = it answers the question “{ $question }” twice
problem-details = Details for the guide’s team
see-all-guides = See all guides
all-guides = All guides

## Handing an escalation to the support desk

contact-link = Send my answers to support
contact-static-cannot-send = This page cannot send your answers to support. Reach support as this guide says above, and give them the support summary below.
contact-title = Send this to support
contact-lead = Support gets your answers and the summary below, so nobody asks you again. Give an email address or a phone number; the rest is optional.
contact-not-sent-yet = Not sent yet.
contact-please-check = Please check:
contact-reach = How support can reach you
contact-name = Your name (optional)
contact-email = Email address
contact-phone = Phone number
contact-for-support = For support (optional)
contact-send = Send to support
contact-answers = Your answers, sent with it
sent-title = Sent to support
sent-reference = Your reference:
sent-quote = Quote it when you call support or when they contact you.
sent-keep = Support has your answers and the summary; you do not need to explain again. Keep a copy for yourself:
sent-download = Download the summary (.txt)
problem-name-long = Please keep the name under { $max } characters.
problem-note-long = Please keep the note under { $max } characters.
problem-no-contact = Please give an email address or a phone number, so that support can reach you.
problem-email = “{ $typed }” is not an email address. It should look like name@example.com.
problem-phone = “{ $typed }” is not a phone number. Use digits, spaces and dashes, with + and the country code if you are abroad, like +44 20 7946 0958.
handoff-too-many = You have sent a lot in a short time. Please wait a minute and try again.
handoff-no-store = This server cannot pass requests to support. Download the summary and call them instead.
handoff-unavailable = We could not save your request just now. Please try again in a moment: everything you typed is still here.

## `unstuck run`, in the terminal (the commands stay English words)

run-intro = Type the number or the words of an answer; `help` lists the other commands.
run-caution-ok = Type `ok` to show this step, or `back`.
run-input-ended = Input ended before the guide reached an outcome.
run-first-question = This is the first question.
run-no-such-answer = There is no answered question { $number }; see the list above.
run-help = Answer with its number or words. Commands: back (undo the last answer), change N (re-answer question N), restart, quit.
run-please-answer = Please answer with one of the numbers shown, or type `help`.
run-so-far = So far:
run-no-longer-applies = No longer applies: { $questions }.
run-apply-again = Earlier answers apply again: { $questions }.
run-get-help = Get help
