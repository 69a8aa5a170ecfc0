#!/bin/sh
# multi-gitter run: the command for each repository. Rewrites its Dockerfiles in the clone (multi-gitter
# commits them and opens the pull request) and keeps the repository's own PR text in $OUT/$REPOSITORY.
set -eu
${DOCKERFILE_CODEMOD:-npx --yes dockerfile-codemod} --write --quiet --group-by none --patch-dir "$OUT/$REPOSITORY"
