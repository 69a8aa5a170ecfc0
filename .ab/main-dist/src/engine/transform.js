export {};
//# sourceMappingURL=transform.js.map