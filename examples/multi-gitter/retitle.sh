#!/bin/sh
# After multi-gitter run: give each pull request the title and body written for its repository.
set -eu
cd "$OUT"
for text in */*/all.md; do
  repo=${text%/all.md}
  tail -n +3 "$text" > "$text.body"
  gh pr edit "${BRANCH:-dockerfile-codemod/all}" --repo "$repo" --title "$(head -n 1 "$text")" --body-file "$text.body"
done
