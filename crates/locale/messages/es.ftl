# Textos de la interfaz de Unstuck: español.

## The page shell

skip-to-content = Ir al contenido
site-tagline = Guías de solución de problemas
site-privacy = Unstuck no usa cookies y guarda sus respuestas solo en la dirección de la página.
page-title = { $page } · Unstuck
language-switcher = Idioma
# Offered, in its own language, to a reader whose browser prefers it.
read-in-language = Leer esta guía en español

## The catalog

catalog-title = Unstuck: guías de solución de problemas
catalog-heading = ¿Qué hay que arreglar?
catalog-filter-label = Filtrar guías por problema o síntoma
catalog-search-label = Buscar guías por problema o síntoma
catalog-search-button = Buscar
catalog-no-match = Ninguna guía coincide con «{ $query }». Estas son todas las guías:
catalog-matches =
    { $count ->
        [one] Una guía coincide con «{ $query }»
       *[other] { $count } guías coinciden con «{ $query }»
    }
catalog-search-title = «{ $query }» · Unstuck
match-title = Título
match-summary = Resumen
match-symptom = Síntoma
match-faq = Pregunta frecuente

## A step of the interactive guide

step-label = Paso { $number }
step-label-changing = Paso { $number }: está cambiando su respuesta
step-title = Paso { $number }: { $heading } · { $guide }
heading-title = { $heading } · { $guide }
change-title = Cambiar su respuesta: { $question }
caution-title = Precaución: { $section }
change-later = Puede cambiar su respuesta más tarde.
why-this-step = Por qué este paso:
caution-before = Antes de continuar: { $section }
caution-next-question = La siguiente pregunta es: { $question }
acknowledge = Entendido: mostrar el paso
go-back = Volver a la pregunta anterior
keep-answer = Mantener mi respuesta
your-answer-now = (su respuesta actual)
answers-label = Respuestas
your-answers = Sus respuestas
change = Cambiar
change-aria = Cambiar su respuesta a: { $question }
start-over = Empezar de nuevo
show-full-guide = Ver la guía completa
steps-for-model = Pasos para: { $model }
change-model = Cambiar de modelo
step-differs = Este paso es distinto según el modelo:
model-marks = ({ $models })
model-or = { " " }o{ " " }

## What changing an answer did

answer-stays = Su respuesta a «{ $question }» sigue siendo { $answer }.
answer-changed = Cambió «{ $question }» de { $old } a { $new }.
answers-left =
    { $count ->
        [one] Esta respuesta ya no se aplica. Se conserva: vuelva a cambiarla para usarla de nuevo.
       *[other] Estas respuestas ya no se aplican. Se conservan: vuelva a cambiarlas para usarlas de nuevo.
    }
answers-rejoined =
    { $count ->
        [one] Esta respuesta anterior vuelve a aplicarse:
       *[other] Estas respuestas anteriores vuelven a aplicarse:
    }

## Outcomes

outcome-fixed = Solucionado
outcome-escalate = Es hora de pedir ayuda
outcome-fixed-short = (solucionado)
outcome-escalate-short = (pedir ayuda)

## Parts of a step

label-goal = Objetivo:
label-expect = Lo que debería ver:
label-caution = Precaución:
label-warning = Advertencia:
label-good = Bien:
label-bad = Mal:
label-how = Cómo:

## The support summary

summary = Resumen para el soporte
summary-page-title = Resumen para el soporte · { $guide }
summary-have-ready = Téngalo a mano cuando llame. Se basa en sus respuestas.
summary-fill-link = Completar, copiar, descargar o imprimir el resumen para el soporte
summary-for = Para:
summary-outcome = Resultado:
summary-not-reached = aún no alcanzado
summary-answers-given = Respuestas dadas
summary-to-fill = (por completar)
summary-update = Actualizar el resumen
summary-download = Descargar .txt
summary-as-text = Como texto
summary-select-to-copy = Seleccione el texto y cópielo.
summary-copy-or-print = Copie o imprima el texto con estos botones, o selecciónelo.
summary-add-heading = Añada lo que solo usted sabe
summary-add-what-you-know = Añada al texto lo que solo usted sabe (el modelo, cuándo empezó el problema…) y luego cópielo, descárguelo o imprímalo.
back-to-guide = Volver a la guía
back-to-outcome = Volver al resultado
copy = Copiar
copied = Copiado
print = Imprimir

## The full guide

full-title = Guía completa · { $guide }
full-start = Empezar la guía paso a paso
full-models-note = Los pasos marcados con un modelo son solo para ese modelo.
full-diagnostic = Diagnóstico paso a paso
full-steps = Pasos
full-questions = Las preguntas
full-questions-intro = La guía paso a paso hace estas preguntas una a una. Cada respuesta lleva a la siguiente pregunta o a un resultado.
full-picture = Ver todo el árbol de decisión (una imagen de las preguntas de abajo)
full-outcomes = Resultados
picture-title = El árbol de decisión
back-to-full-guide = Volver a la guía completa
reviewed-by = Revisado por { $name } el { $date }

## "Was this helpful?"

rate-title = Valorar esta guía
rate-thanks = Gracias por su opinión.
rate-not-sent = No enviado:
rate-question = ¿Le ha resultado útil?
rate-comment = ¿Algo que añadir? (opcional)
rate-yes = Sí
rate-no = No
rate-comment-too-long = Escriba un comentario de menos de { $max } caracteres.
rate-too-many = Ha enviado muchas opiniones en poco tiempo. Espere un minuto y vuelva a intentarlo.
rate-unavailable = No hemos podido guardar su opinión ahora mismo. Vuelva a intentarlo en un momento.
rate-no-store = Este servidor no puede guardar opiniones. Vuelva a intentarlo más tarde.

## Error pages

error-no-guide-title = No existe esa guía
error-no-guide = No hay ninguna guía llamada «{ $id }». Puede que se haya movido o cambiado de nombre.
error-not-found-title = Página no encontrada
error-not-found = No hay nada en esta dirección.
error-bad-link-title = Este enlace no funciona
error-bad-link = La dirección de esta página de «{ $guide }» tiene un problema: { $problem }.
error-answers-kept = Sus respuestas anteriores se conservan en el enlace de abajo.
error-last-good-step = Volver al último paso válido
error-start-again = Empezar la guía de nuevo
error-bad-form-title = No se ha podido leer este formulario
problem-too-long = es demasiado larga
problem-damaged = está dañada cerca de «{ $part }»
problem-unknown = menciona algo que esta guía no tiene
problem-repeated = responde dos veces a la pregunta «{ $question }»
problem-details = Detalles para el equipo de la guía
see-all-guides = Ver todas las guías
all-guides = Todas las guías

## Handing an escalation to the support desk

contact-link = Enviar mis respuestas al soporte
contact-static-cannot-send = Esta página no puede enviar sus respuestas al soporte. Contacte con el soporte como indica esta guía más arriba y entréguele el resumen de abajo.
contact-title = Enviar al soporte
contact-lead = El soporte recibe sus respuestas y el resumen de abajo, así nadie le vuelve a preguntar. Indique un correo electrónico o un número de teléfono; lo demás es opcional.
contact-not-sent-yet = Aún no se ha enviado.
contact-please-check = Revise lo siguiente:
contact-reach = Cómo puede contactarle el soporte
contact-name = Su nombre (opcional)
contact-email = Correo electrónico
contact-phone = Número de teléfono
contact-for-support = Para el soporte (opcional)
contact-send = Enviar al soporte
contact-answers = Sus respuestas, que se envían con él
sent-title = Enviado al soporte
sent-reference = Su referencia:
sent-quote = Indíquela cuando llame al soporte o cuando le contacten.
sent-keep = El soporte tiene sus respuestas y el resumen; no tendrá que volver a explicarlo. Guarde una copia:
sent-download = Descargar el resumen (.txt)
problem-name-long = Escriba un nombre de menos de { $max } caracteres.
problem-note-long = Escriba una nota de menos de { $max } caracteres.
problem-no-contact = Indique un correo electrónico o un número de teléfono para que el soporte pueda contactarle.
problem-email = «{ $typed }» no es un correo electrónico. Debería parecerse a nombre@example.com.
problem-phone = «{ $typed }» no es un número de teléfono. Use cifras, espacios y guiones, con + y el prefijo del país si está en el extranjero, por ejemplo +34 912 345 678.
handoff-too-many = Ha enviado mucho en poco tiempo. Espere un minuto y vuelva a intentarlo.
handoff-no-store = Este servidor no puede pasar solicitudes al soporte. Descargue el resumen y llámeles.
handoff-unavailable = No hemos podido guardar su solicitud ahora mismo. Vuelva a intentarlo en un momento: todo lo que escribió sigue aquí.

## `unstuck run`, in the terminal (the commands stay English words)

run-intro = Escriba el número o las palabras de una respuesta; `help` muestra los demás comandos.
run-caution-ok = Escriba `ok` para mostrar este paso, o `back`.
run-input-ended = La entrada terminó antes de que la guía llegara a un resultado.
run-first-question = Esta es la primera pregunta.
run-no-such-answer = No hay ninguna pregunta respondida con el número { $number }; vea la lista de arriba.
run-help = Responda con su número o sus palabras. Comandos: back (deshacer la última respuesta), change N (volver a responder la pregunta N), restart (empezar de nuevo), quit (salir).
run-please-answer = Responda con uno de los números mostrados, o escriba `help`.
run-so-far = Hasta ahora:
run-no-longer-applies = Ya no se aplica: { $questions }.
run-apply-again = Respuestas anteriores que vuelven a aplicarse: { $questions }.
run-get-help = Pedir ayuda
