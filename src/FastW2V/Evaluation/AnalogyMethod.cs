namespace FastW2V.Evaluation;

/// <summary>3CosAdd (word2vec.c's compute-accuracy) or 3CosMul (Levy and Goldberg 2014).</summary>
public enum AnalogyMethod
{
    /// <summary>b − a + c, cosine (3CosAdd).</summary>
    Add,
    /// <summary>cos(d,b)·cos(d,c) / (cos(d,a) + ε), cosines shifted to [0, 1] (3CosMul).</summary>
    Mul,
}
