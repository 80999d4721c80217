/// mtltree's version, as printed by `mtltree --version` and recorded in model files.
public enum MTLTreeVersion {
    /// The release version.
    public static let current = "0.1.0"
}
