System.Console.WriteLine("FRIEND answer=" + Signed.Secrets.Answer(21));
