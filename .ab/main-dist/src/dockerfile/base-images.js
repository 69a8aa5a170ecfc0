const RULES = [
    { pattern: /^golang(:|@|$)/, env: { GOPATH: '/go' } },
    { pattern: /^rust(:|@|$)/, env: { CARGO_HOME: '/usr/local/cargo', RUSTUP_HOME: '/usr/local/rustup' } },
    // Built FROM the rust image.
    { pattern: /^lukemathwalker\/cargo-chef(:|@|$)/, env: { CARGO_HOME: '/usr/local/cargo', RUSTUP_HOME: '/usr/local/rustup' } },
    { pattern: /^composer(:|@|$)/, env: { COMPOSER_HOME: '/tmp' } },
    { pattern: /^maven(:|@|$)/, env: { MAVEN_CONFIG: '/root/.m2' } },
    { pattern: /^(mambaorg\/)?micromamba(:|@|$)/, env: { MAMBA_ROOT_PREFIX: '/opt/conda' }, user: 'mambauser' },
    { pattern: /^(quay\.io\/)?jupyter\//, env: { CONDA_DIR: '/opt/conda' }, user: 'jovyan' },
    { pattern: /^continuumio\/(miniconda3|anaconda3)(:|@|$)/, env: { CONDA_DIR: '/opt/conda' } },
    { pattern: /^condaforge\/(miniforge3|mambaforge|miniforge-pypy3)(:|@|$)/, env: { CONDA_DIR: '/opt/conda' } },
    { pattern: /^bitnami\//, user: '1001' },
    { pattern: /^cgr\.dev\/chainguard\//, user: 'nonroot' },
    { pattern: /[:-]nonroot$/, user: 'nonroot' },
];
/**
 * Images whose environment is known: the ones above, and official distribution and language
 * images that set no variable moving a package manager's cache.
 */
const PLAIN_IMAGES = /^(debian|ubuntu|alpine|busybox|buildpack-deps|fedora|centos|rockylinux|almalinux|amazonlinux|oraclelinux|archlinux|opensuse\/[a-z]+|python|pypy|node|ruby|php|perl|eclipse-temurin|openjdk|amazoncorretto|ibm-semeru-runtimes|sapmachine|haskell|elixir|erlang|julia|swift|clojure|redhat\/ubi\d+[a-z-]*|registry\.access\.redhat\.com\/ubi\d+[a-z-]*\/?[a-z-]*|mcr\.microsoft\.com\/dotnet\/(sdk|aspnet|runtime|runtime-deps))(:|@|$)/;
/** True when the image's environment is known: what it sets, and that it sets nothing else that moves a cache. */
export function isKnownImage(image) {
    const name = normalizeImage(image);
    return PLAIN_IMAGES.test(name) || RULES.some((rule) => rule.pattern.test(name) && rule.env !== undefined);
}
/** Users some official images create, by name, so that `USER node` can get a correct mount. */
const KNOWN_USERS = {
    node: { images: /^node(:|@|$)/, user: { uid: 1000, gid: 1000, home: '/home/node' } },
    mambauser: { images: /^(mambaorg\/)?micromamba(:|@|$)/, user: { uid: 57439, gid: 57439, home: '/home/mambauser' } },
    jovyan: { images: /^(quay\.io\/)?jupyter\//, user: { uid: 1000, gid: 100, home: '/home/jovyan' } },
};
export function normalizeImage(image) {
    return image.replace(/^(docker\.io\/)?(library\/)?/, '');
}
export function baseImageFacts(image) {
    const name = normalizeImage(image);
    const facts = {};
    for (const rule of RULES) {
        if (!rule.pattern.test(name))
            continue;
        if (rule.env)
            facts.env = { ...facts.env, ...rule.env };
        if (rule.user)
            facts.user = rule.user;
    }
    return facts;
}
export function knownUserOfImage(image, name) {
    const entry = KNOWN_USERS[name];
    return entry && entry.images.test(normalizeImage(image)) ? entry.user : undefined;
}
/** Windows base images: BuildKit on Windows only recently got cache mounts, and paths differ. */
export function isWindowsImage(image) {
    return /(^|\/)(windows|nanoserver|servercore)([/:@-]|$)|^mcr\.microsoft\.com\/windows/i.test(normalizeImage(image));
}
//# sourceMappingURL=base-images.js.map