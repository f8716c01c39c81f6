Console.WriteLine("not written yet");
