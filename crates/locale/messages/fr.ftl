# Textes de l'interface d'Unstuck : français.

## The page shell

skip-to-content = Aller au contenu
site-tagline = Guides de dépannage
site-privacy = Unstuck ne dépose aucun cookie et ne garde vos réponses que dans l’adresse de la page.
page-title = { $page } · Unstuck
language-switcher = Langue
# Offered, in its own language, to a reader whose browser prefers it.
read-in-language = Lire ce guide en français

## The catalog

catalog-title = Unstuck — guides de dépannage
catalog-heading = Qu’est-ce qui ne marche pas ?
catalog-filter-label = Filtrer les guides par problème ou symptôme
catalog-search-label = Chercher un guide par problème ou symptôme
catalog-search-button = Chercher
catalog-no-match = Aucun guide ne correspond à « { $query } ». Voici tous les guides :
catalog-matches =
    { $count ->
        [one] { $count } guide correspond à « { $query } »
       *[other] { $count } guides correspondent à « { $query } »
    }
catalog-search-title = « { $query } » · Unstuck
match-title = Titre
match-summary = Résumé
match-symptom = Symptôme
match-faq = Question fréquente

## A step of the interactive guide

step-label = Étape { $number }
step-label-changing = Étape { $number } — vous modifiez votre réponse
step-title = Étape { $number } — { $heading } · { $guide }
heading-title = { $heading } · { $guide }
change-title = Modifier votre réponse — { $question }
caution-title = Attention : { $section }
change-later = Vous pourrez modifier votre réponse plus tard.
why-this-step = Pourquoi cette étape :
caution-before = Avant de continuer : { $section }
caution-next-question = La question suivante est : { $question }
acknowledge = J’ai compris — afficher l’étape
go-back = Revenir à la question précédente
keep-answer = Garder ma réponse
your-answer-now = (votre réponse actuelle)
answers-label = Réponses
your-answers = Vos réponses
change = Modifier
change-aria = Modifier votre réponse à : { $question }
start-over = Recommencer
show-full-guide = Afficher le guide complet
steps-for-model = Étapes pour : { $model }
change-model = Changer de modèle
step-differs = Cette étape diffère selon le modèle :
model-marks = ({ $models })
model-or = { " " }ou{ " " }

## What changing an answer did

answer-stays = Votre réponse à « { $question } » reste { $answer }.
answer-changed = Vous avez changé « { $question } » de { $old } à { $new }.
answers-left =
    { $count ->
        [one] Cette réponse ne s’applique plus. Elle est conservée : revenez en arrière pour la réutiliser.
       *[other] Ces réponses ne s’appliquent plus. Elles sont conservées : revenez en arrière pour les réutiliser.
    }
answers-rejoined =
    { $count ->
        [one] Cette réponse précédente s’applique de nouveau :
       *[other] Ces réponses précédentes s’appliquent de nouveau :
    }

## Outcomes

outcome-fixed = Réparé
outcome-escalate = Il est temps de demander de l’aide
outcome-fixed-short = (réparé)
outcome-escalate-short = (demander de l’aide)

## Parts of a step

label-goal = Objectif :
label-expect = Ce que vous devriez voir :
label-caution = Attention :
label-warning = Avertissement :
label-good = Bon :
label-bad = Mauvais :
label-how = Comment :

## The support summary

summary = Résumé pour l’assistance
summary-page-title = Résumé pour l’assistance · { $guide }
summary-have-ready = Gardez-le sous la main quand vous appelez. Il reprend vos réponses.
summary-fill-link = Compléter, copier, télécharger ou imprimer le résumé pour l’assistance
summary-for = Pour :
summary-outcome = Résultat :
summary-not-reached = pas encore atteint
summary-answers-given = Réponses données
summary-to-fill = (à compléter)
summary-update = Mettre à jour le résumé
summary-download = Télécharger le .txt
summary-as-text = En texte
summary-select-to-copy = Sélectionnez le texte et copiez-le.
summary-copy-or-print = Copiez ou imprimez le texte avec ces boutons, ou sélectionnez-le.
summary-add-heading = Ajoutez ce que vous seul savez
summary-add-what-you-know = Ajoutez au texte ce que vous seul savez (le modèle, depuis quand le problème existe…), puis copiez-le, téléchargez-le ou imprimez-le.
back-to-guide = Retour au guide
back-to-outcome = Retour au résultat
copy = Copier
copied = Copié
print = Imprimer

## The full guide

full-title = Guide complet · { $guide }
full-start = Commencer le guide pas à pas
full-models-note = Les étapes marquées d’un modèle ne concernent que ce modèle.
full-diagnostic = Diagnostic pas à pas
full-steps = Étapes
full-questions = Les questions
full-questions-intro = Le guide pas à pas pose ces questions une par une. Chaque réponse mène à la question suivante ou à un résultat.
full-picture = Voir tout l’arbre de décision (une image des questions ci-dessous)
full-outcomes = Résultats
picture-title = L’arbre de décision
back-to-full-guide = Retour au guide complet
reviewed-by = Relu par { $name } le { $date }

## "Was this helpful?"

rate-title = Évaluer ce guide
rate-thanks = Merci pour votre avis.
rate-not-sent = Non envoyé :
rate-question = Ce guide vous a-t-il aidé ?
rate-comment = Quelque chose à ajouter ? (facultatif)
rate-yes = Oui
rate-no = Non
rate-comment-too-long = Merci de limiter le commentaire à moins de { $max } caractères.
rate-too-many = Vous avez envoyé beaucoup d’avis en peu de temps. Merci de patienter une minute avant de réessayer.
rate-unavailable = Votre avis n’a pas pu être enregistré pour l’instant. Merci de réessayer dans un instant.
rate-no-store = Ce serveur ne peut pas enregistrer les avis. Merci de réessayer plus tard.

## Error pages

error-no-guide-title = Guide introuvable
error-no-guide = Il n’existe aucun guide nommé « { $id } ». Il a peut-être été déplacé ou renommé.
error-not-found-title = Page introuvable
error-not-found = Il n’y a rien à cette adresse.
error-bad-link-title = Ce lien ne fonctionne pas
error-bad-link = L’adresse de cette page de « { $guide } » pose un problème : { $problem }.
error-answers-kept = Vos réponses précédentes sont conservées dans le lien ci-dessous.
error-last-good-step = Revenir à la dernière étape valide
error-start-again = Recommencer le guide
error-bad-form-title = Ce formulaire n’a pas pu être lu
problem-too-long = elle est trop longue
problem-damaged = elle est abîmée près de « { $part } »
problem-unknown = elle mentionne quelque chose que ce guide ne contient pas
problem-repeated = elle répond deux fois à la question « { $question } »
problem-details = Détails pour l’équipe du guide
see-all-guides = Voir tous les guides
all-guides = Tous les guides

## Handing an escalation to the support desk

contact-link = Envoyer mes réponses à l’assistance
contact-static-cannot-send = Cette page ne peut pas envoyer vos réponses à l’assistance. Contactez l’assistance comme l’indique ce guide ci-dessus, et donnez-lui le résumé ci-dessous.
contact-title = Envoyer à l’assistance
contact-lead = L’assistance reçoit vos réponses et le résumé ci-dessous : personne ne vous reposera les mêmes questions. Donnez une adresse e-mail ou un numéro de téléphone ; le reste est facultatif.
contact-not-sent-yet = Pas encore envoyé.
contact-please-check = Merci de vérifier :
contact-reach = Comment l’assistance peut vous joindre
contact-name = Votre nom (facultatif)
contact-email = Adresse e-mail
contact-phone = Numéro de téléphone
contact-for-support = Pour l’assistance (facultatif)
contact-send = Envoyer à l’assistance
contact-answers = Vos réponses, envoyées avec
sent-title = Envoyé à l’assistance
sent-reference = Votre référence :
sent-quote = Donnez-la quand vous appelez l’assistance ou quand elle vous contacte.
sent-keep = L’assistance a vos réponses et le résumé ; vous n’aurez pas à tout réexpliquer. Gardez-en une copie :
sent-download = Télécharger le résumé (.txt)
problem-name-long = Merci de limiter le nom à moins de { $max } caractères.
problem-note-long = Merci de limiter la note à moins de { $max } caractères.
problem-no-contact = Merci de donner une adresse e-mail ou un numéro de téléphone, pour que l’assistance puisse vous joindre.
problem-email = « { $typed } » n’est pas une adresse e-mail. Elle devrait ressembler à nom@example.com.
problem-phone = « { $typed } » n’est pas un numéro de téléphone. Utilisez des chiffres, des espaces et des tirets, avec + et l’indicatif du pays depuis l’étranger, par exemple +33 1 23 45 67 89.
handoff-too-many = Vous avez beaucoup envoyé en peu de temps. Merci de patienter une minute avant de réessayer.
handoff-no-store = Ce serveur ne peut pas transmettre de demandes à l’assistance. Téléchargez le résumé et appelez-la plutôt.
handoff-unavailable = Votre demande n’a pas pu être enregistrée pour l’instant. Merci de réessayer dans un instant : tout ce que vous avez saisi est toujours là.

## `unstuck run`, in the terminal (the commands stay English words)

run-intro = Tapez le numéro ou les mots d’une réponse ; `help` liste les autres commandes.
run-caution-ok = Tapez `ok` pour afficher cette étape, ou `back`.
run-input-ended = La saisie s’est arrêtée avant que le guide n’atteigne un résultat.
run-first-question = C’est la première question.
run-no-such-answer = Il n’y a pas de question répondue numéro { $number } ; voyez la liste ci-dessus.
run-help = Répondez par le numéro ou les mots. Commandes : back (annuler la dernière réponse), change N (répondre à nouveau à la question N), restart (recommencer), quit (quitter).
run-please-answer = Répondez avec l’un des numéros affichés, ou tapez `help`.
run-so-far = Jusqu’ici :
run-no-longer-applies = Ne s’applique plus : { $questions }.
run-apply-again = Des réponses précédentes s’appliquent de nouveau : { $questions }.
run-get-help = Demander de l’aide
