namespace LineProf.Tool.Output;

/// <summary>How much of the whole a row's time is, by the page's thresholds (which are wsgi_lineprof's).</summary>
public enum Heat
{
    /// <summary>Under 0.2%.</summary>
    Cold,

    Mild,

    /// <summary>5% or more.</summary>
    Warm,

    /// <summary>50% or more.</summary>
    Hot,
}

public static class Heats
{
    /// <summary>The page's heat(percent) in report.js: the same share gets the same colour in the terminal.</summary>
    public static Heat Of(double percent) => percent switch
    {
        >= 50 => Heat.Hot,
        >= 5 => Heat.Warm,
        < 0.2 => Heat.Cold,
        _ => Heat.Mild,
    };
}
