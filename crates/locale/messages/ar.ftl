# نصوص واجهة Unstuck: العربية.

## The page shell

skip-to-content = انتقل إلى المحتوى
site-tagline = أدلة حل المشكلات
site-privacy = لا يستخدم Unstuck ملفات تعريف الارتباط، ويحفظ إجاباتك في عنوان الصفحة فقط.
page-title = { $page } · Unstuck
language-switcher = اللغة
# Offered, in its own language, to a reader whose browser prefers it.
read-in-language = اقرأ هذا الدليل بالعربية

## The catalog

catalog-title = Unstuck — أدلة حل المشكلات
catalog-heading = ما الذي يحتاج إلى إصلاح؟
catalog-filter-label = صفِّ الأدلة حسب المشكلة أو العَرَض
catalog-search-label = ابحث في الأدلة حسب المشكلة أو العَرَض
catalog-search-button = ابحث
catalog-no-match = لا يوجد دليل يطابق «{ $query }». إليك كل الأدلة:
catalog-matches =
    { $count ->
        [zero] لا يوجد دليل يطابق «{ $query }»
        [one] دليل واحد يطابق «{ $query }»
        [two] دليلان يطابقان «{ $query }»
        [few] { $count } أدلة تطابق «{ $query }»
       *[other] { $count } دليلًا يطابق «{ $query }»
    }
catalog-search-title = «{ $query }» · Unstuck
match-title = العنوان
match-summary = الملخص
match-symptom = العَرَض
match-faq = سؤال شائع

## A step of the interactive guide

step-label = الخطوة { $number }
step-label-changing = الخطوة { $number } — أنت تغيّر إجابتك
step-title = الخطوة { $number } — { $heading } · { $guide }
heading-title = { $heading } · { $guide }
change-title = غيّر إجابتك — { $question }
caution-title = تنبيه: { $section }
change-later = يمكنك تغيير إجابتك لاحقًا.
why-this-step = لماذا هذه الخطوة:
caution-before = قبل أن تتابع: { $section }
caution-next-question = السؤال التالي هو: { $question }
acknowledge = فهمت — اعرض الخطوة
go-back = عُد إلى السؤال السابق
keep-answer = أبقِ إجابتي
your-answer-now = (إجابتك الحالية)
answers-label = الإجابات
your-answers = إجاباتك
change = غيّر
change-aria = غيّر إجابتك عن: { $question }
start-over = ابدأ من جديد
show-full-guide = اعرض الدليل كاملًا
steps-for-model = الخطوات للطراز: { $model }
change-model = غيّر الطراز
step-differs = تختلف هذه الخطوة من طراز إلى آخر:
model-marks = ({ $models })
model-or = { " " }أو{ " " }

## What changing an answer did

answer-stays = تبقى إجابتك عن «{ $question }» { $answer }.
answer-changed = غيّرت إجابتك عن «{ $question }» من { $old } إلى { $new }.
answers-left =
    { $count ->
        [one] لم تعد هذه الإجابة تنطبق. وهي محفوظة: أعد التغيير لاستخدامها مرة أخرى.
        [two] لم تعد هاتان الإجابتان تنطبقان. وهما محفوظتان: أعد التغيير لاستخدامهما مرة أخرى.
       *[other] لم تعد هذه الإجابات تنطبق. وهي محفوظة: أعد التغيير لاستخدامها مرة أخرى.
    }
answers-rejoined =
    { $count ->
        [one] عادت هذه الإجابة السابقة تنطبق:
        [two] عادت هاتان الإجابتان السابقتان تنطبقان:
       *[other] عادت هذه الإجابات السابقة تنطبق:
    }

## Outcomes

outcome-fixed = تم الإصلاح
outcome-escalate = حان وقت طلب المساعدة
outcome-fixed-short = (تم الإصلاح)
outcome-escalate-short = (اطلب المساعدة)

## Parts of a step

label-goal = الهدف:
label-expect = ما يجب أن تراه:
label-caution = تنبيه:
label-warning = تحذير:
label-good = جيد:
label-bad = سيئ:
label-how = الطريقة:

## The support summary

summary = ملخص للدعم الفني
summary-page-title = ملخص للدعم الفني · { $guide }
summary-have-ready = اجعله في متناولك عند الاتصال. وهو مبني على إجاباتك.
summary-fill-link = أكمل ملخص الدعم الفني أو انسخه أو نزّله أو اطبعه
summary-for = الدليل:
summary-outcome = النتيجة:
summary-not-reached = لم يتم الوصول إليها بعد
summary-answers-given = الإجابات المقدَّمة
summary-to-fill = (يُرجى الإكمال)
summary-update = حدّث الملخص
summary-download = نزّل ملف ‎.txt
summary-as-text = نصًّا
summary-select-to-copy = حدّد النص وانسخه.
summary-copy-or-print = انسخ النص أو اطبعه بهذه الأزرار، أو حدّده.
summary-add-heading = أضف ما لا يعرفه غيرك
summary-add-what-you-know = أضف إلى النص ما لا يعرفه غيرك (الطراز، ومتى بدأت المشكلة…)، ثم انسخه أو نزّله أو اطبعه.
back-to-guide = عُد إلى الدليل
back-to-outcome = عُد إلى النتيجة
copy = انسخ
copied = تم النسخ
print = اطبع

## The full guide

full-title = الدليل كاملًا · { $guide }
full-start = ابدأ الدليل خطوة بخطوة
full-models-note = الخطوات المعلَّمة بطراز تخص ذلك الطراز وحده.
full-diagnostic = التشخيص خطوة بخطوة
full-steps = الخطوات
full-questions = الأسئلة
full-questions-intro = يطرح الدليل خطوة بخطوة هذه الأسئلة واحدًا تلو الآخر. وكل إجابة تقود إلى السؤال التالي أو إلى نتيجة.
full-picture = اعرض شجرة القرار كاملة (صورة للأسئلة أدناه)
full-outcomes = النتائج
picture-title = شجرة القرار
back-to-full-guide = عُد إلى الدليل كاملًا
reviewed-by = راجعه { $name } بتاريخ { $date }

## "Was this helpful?"

rate-title = قيّم هذا الدليل
rate-thanks = شكرًا على ملاحظاتك.
rate-not-sent = لم يُرسَل:
rate-question = هل كان هذا مفيدًا؟
rate-comment = هل تريد إضافة شيء؟ (اختياري)
rate-yes = نعم
rate-no = لا
rate-comment-too-long = يُرجى أن يكون التعليق أقل من { $max } حرف.
rate-too-many = أرسلت ملاحظات كثيرة في وقت قصير. يُرجى الانتظار دقيقة ثم المحاولة مرة أخرى.
rate-unavailable = تعذّر حفظ ملاحظاتك الآن. يُرجى المحاولة مرة أخرى بعد قليل.
rate-no-store = لا يمكن حفظ الملاحظات على هذا الخادم. يُرجى المحاولة لاحقًا.

## Error pages

error-no-guide-title = لا يوجد هذا الدليل
error-no-guide = لا يوجد دليل باسم «{ $id }». ربما نُقل أو تغيّر اسمه.
error-not-found-title = الصفحة غير موجودة
error-not-found = لا يوجد شيء على هذا العنوان.
error-bad-link-title = هذا الرابط لا يعمل
error-bad-link = في عنوان صفحة «{ $guide }» هذه مشكلة: { $problem }.
error-answers-kept = إجاباتك السابقة محفوظة في الرابط أدناه.
error-last-good-step = عُد إلى آخر خطوة صحيحة
error-start-again = ابدأ الدليل من جديد
error-bad-form-title = تعذّرت قراءة هذا النموذج
problem-too-long = العنوان طويل جدًا
problem-damaged = العنوان تالف قرب «{ $part }»
problem-unknown = العنوان يذكر شيئًا ليس في هذا الدليل
problem-repeated = العنوان يجيب عن السؤال «{ $question }» مرتين
problem-details = تفاصيل لفريق الدليل
see-all-guides = اعرض كل الأدلة
all-guides = كل الأدلة

## Handing an escalation to the support desk

contact-link = أرسل إجاباتي إلى الدعم الفني
contact-static-cannot-send = لا تستطيع هذه الصفحة إرسال إجاباتك إلى الدعم الفني. تواصل مع الدعم الفني كما يوضح هذا الدليل أعلاه، وأعطهم ملخص الدعم الفني أدناه.
contact-title = أرسل إلى الدعم الفني
contact-lead = يتلقى الدعم الفني إجاباتك والملخص أدناه، فلا يسألك أحد عنها مرة أخرى. اكتب بريدًا إلكترونيًا أو رقم هاتف؛ وما سوى ذلك اختياري.
contact-not-sent-yet = لم يُرسَل بعد.
contact-please-check = يُرجى التحقق مما يلي:
contact-reach = كيف يتواصل معك الدعم الفني
contact-name = اسمك (اختياري)
contact-email = البريد الإلكتروني
contact-phone = رقم الهاتف
contact-for-support = للدعم الفني (اختياري)
contact-send = أرسل إلى الدعم الفني
contact-answers = إجاباتك التي تُرسَل معه
sent-title = أُرسل إلى الدعم الفني
sent-reference = رقمك المرجعي:
sent-quote = اذكره عندما تتصل بالدعم الفني أو عندما يتواصلون معك.
sent-keep = لدى الدعم الفني إجاباتك والملخص؛ فلا حاجة إلى الشرح من جديد. احتفظ بنسخة لنفسك:
sent-download = نزّل الملخص (‎.txt)
problem-name-long = يُرجى أن يكون الاسم أقل من { $max } حرف.
problem-note-long = يُرجى أن تكون الملاحظة أقل من { $max } حرف.
problem-no-contact = يُرجى كتابة بريد إلكتروني أو رقم هاتف ليتمكن الدعم الفني من التواصل معك.
problem-email = «{ $typed }» ليس بريدًا إلكترونيًا. يجب أن يكون على شكل name@example.com.
problem-phone = «{ $typed }» ليس رقم هاتف. استخدم الأرقام والمسافات والشرطات، مع + ورمز الدولة إن كنت خارج بلدك، مثل ‎+971 4 123 4567.
handoff-too-many = أرسلت كثيرًا في وقت قصير. يُرجى الانتظار دقيقة ثم المحاولة مرة أخرى.
handoff-no-store = لا يستطيع هذا الخادم تمرير الطلبات إلى الدعم الفني. نزّل الملخص واتصل بهم بدلًا من ذلك.
handoff-unavailable = تعذّر حفظ طلبك الآن. يُرجى المحاولة مرة أخرى بعد قليل: كل ما كتبته ما زال هنا.

## `unstuck run`, in the terminal (the commands stay English words)

run-intro = اكتب رقم الإجابة أو كلماتها؛ ويعرض `help` بقية الأوامر.
run-caution-ok = اكتب `ok` لعرض هذه الخطوة، أو `back`.
run-input-ended = انتهى الإدخال قبل أن يصل الدليل إلى نتيجة.
run-first-question = هذا هو السؤال الأول.
run-no-such-answer = لا يوجد سؤال مُجاب برقم { $number }؛ انظر القائمة أعلاه.
run-help = أجب برقم الإجابة أو كلماتها. الأوامر: back (تراجع عن آخر إجابة)، change N (أعد الإجابة عن السؤال N)، restart (ابدأ من جديد)، quit (اخرج).
run-please-answer = يُرجى الإجابة بأحد الأرقام المعروضة، أو اكتب `help`.
run-so-far = حتى الآن:
run-no-longer-applies = لم يعد ينطبق: { $questions }.
run-apply-again = عادت إجابات سابقة تنطبق: { $questions }.
run-get-help = اطلب المساعدة
