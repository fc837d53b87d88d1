// The runtime library is filled in by the code-generation work (issue 4). Until then it holds
// nothing, so that nothing pretends to work that does not.
