import Foundation

/// The number of processors the process may use.
func _activeProcessorCount() -> Int { ProcessInfo.processInfo.activeProcessorCount }
