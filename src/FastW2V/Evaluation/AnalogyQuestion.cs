namespace FastW2V.Evaluation;

/// <summary>One "a b c d" question (a is to b as c is to d) and the section it belongs to.</summary>
public readonly record struct AnalogyQuestion(int Section, string A, string B, string C, string D);
