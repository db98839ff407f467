"""Pieces of counsellor speech, written for this project, that make_corpus.py combines.

Each topic is one thing a client might have said, seen from the counsellor's side: the fact
(for simple reflections and closed questions), a meaning or feeling behind it (for complex
reflections), and what an open question could ask about. Codes follow the MITI 4.2.1
definitions (docs/practice-partner.md). Topics and frames are split: the held-out corpus is
built only from the ones marked for it, so no held-out line shares its content with training.
"""
from __future__ import annotations

# (fact, meaning, subject, yes/no question body)
TOPICS: list[tuple[str, str, str, str]] = [
    ("you drink most nights after work", "drinking is how you switch off from a job that wears "
     "you down", "the drinking after work", "drink most nights after work"),
    ("your wife has started counting the bottles", "it stings to feel watched by someone you "
     "love", "what your wife has noticed", "feel like your wife is keeping score"),
    ("you don't see a problem with a few beers", "you're tired of people making a big deal out "
     "of something that feels normal to you", "how you see your drinking", "think your drinking "
     "is a problem"),
    ("you use on your own most of the time", "using alone keeps it private, even though part of "
     "you knows it's riskier", "using on your own", "usually use by yourself"),
    ("you want to keep using but not end up in hospital again", "staying alive matters to you "
     "more than anyone gives you credit for", "what happened last time", "want to stop using"),
    ("the pills help you get through the day", "the pills are doing a job for you, holding off "
     "something that feels unbearable", "what the pills do for you", "take them every day"),
    ("the weekends have been getting bigger", "the weekends are starting to scare you a little",
     "your weekends", "use every weekend"),
    ("you've been missing Mondays at work", "you're worried that your job might be slipping away "
     "from you", "Mondays", "miss work because of it"),
    ("coke makes you feel like yourself at parties", "without it you feel like you don't quite "
     "fit in", "what coke gives you at parties", "only use at parties"),
    ("your mum made you come today", "being here wasn't your idea, and you'd rather decide for "
     "yourself", "coming here today", "want to be here"),
    ("you smoke weed to get to sleep", "sleep has been hard for a long time and weed is the one "
     "thing that works", "your sleep", "smoke every night"),
    ("you've cut down twice before", "you know you can do it, and you're not sure it will last",
     "the times you cut down", "manage to cut down before"),
    ("your kids have noticed", "being a good parent is one of the things that matters most to "
     "you", "your kids", "think the kids know"),
    ("you spend most of your money on it", "the money worries sit on top of everything else",
     "money", "run out of money before payday"),
    ("you feel fine in the morning", "because there's no hangover it's hard to see why anyone "
     "would worry", "mornings", "get hangovers"),
    ("you started using again after your dad died", "using has been a way of carrying grief "
     "that's too heavy to hold", "the time after your dad died", "use more since he died"),
    ("you've been thinking about switching to smoking instead of injecting", "you're already "
     "looking for ways to protect yourself", "switching how you use", "still inject"),
    ("your friends all drink the same as you", "cutting down could mean losing the people you "
     "feel closest to", "your friends", "drink with the same friends"),
    ("you feel anxious when you can't get any", "the anxiety is part of what keeps you going "
     "back", "what happens when you can't get any", "get anxious without it"),
    ("you tried the meetings and hated them", "you want help that fits who you are, not a "
     "script", "the meetings", "go to meetings now"),
    ("you're not ready to give it up", "giving it up feels like losing something you're not "
     "ready to lose", "what you'd be giving up", "want to quit"),
    ("you'd like to drink less on weeknights", "you want your evenings back", "weeknights",
     "drink on weeknights"),
    ("your doctor said your liver results were off", "that news shook you more than you "
     "expected", "what the doctor said", "see the doctor recently"),
    ("you use speed to keep up at work", "you feel you have to be more than you are just to "
     "keep up", "work", "use at work"),
    ("you crash hard after a weekend", "the comedown is costing you more than it used to",
     "the comedown", "crash after the weekend"),
    ("you don't want to be like your father", "your father's story is one you're determined not "
     "to repeat", "your father", "drink like your dad did"),
    ("you only smoke with your cousin", "the weed and the friendship are tangled together",
     "your cousin", "smoke with anyone else"),
    ("you got a warning at work", "you're scared of what the next step might be", "the "
     "warning", "get a warning"),
    ("you keep naloxone at home", "you've thought about what could happen and you're "
     "prepared", "naloxone", "carry naloxone"),
    ("you're sick of people telling you what to do", "you want to be trusted to run your own "
     "life", "what people keep telling you", "get told what to do a lot"),
    ("you've gone three days without a drink", "you surprised yourself, and you're wondering "
     "what else you could do", "those three days", "go without for a few days"),
    ("you use more when you're lonely", "loneliness is underneath a lot of this", "the lonely "
     "times", "use when you're lonely"),
    ("it's the only thing that shuts your head up", "your mind is a loud place and you need "
     "some quiet", "what goes on in your head", "find it hard to switch off"),
    ("you buy from someone you trust", "you've worked hard to keep yourself as safe as you can "
     "with what you've got", "where you get it", "always buy from the same person"),
    ("you argue with your partner after you drink", "the arguments hurt, and you don't like who "
     "you are in them", "the arguments", "argue when you've been drinking"),
    ("you want to stay on the methadone for now", "the methadone has given you some stability "
     "you don't want to lose", "the methadone", "want to come off methadone"),
    ("you can go a week without", "you see yourself as someone who is in control of this",
     "the weeks without", "go a week without"),
    ("your brother stopped and he's miserable", "you're afraid stopping would take the fun out "
     "of life", "your brother", "know anyone who stopped"),
    ("you drink to be sociable", "you worry you'd be boring without it", "being sociable",
     "drink when you're out"),
    ("you've started hiding it", "hiding it doesn't sit well with you", "hiding it", "hide how "
     "much you use"),
    ("you use to cope with the pain in your back", "the pain has taken a lot from you, and this "
     "is how you cope", "your back pain", "have pain most days"),
    ("college is getting harder", "you're worried you're falling behind people you started "
     "with", "college", "still go to all your classes"),
    ("you mix it with benzos sometimes", "you're not sure how risky it is and you'd rather not "
     "think about it", "mixing", "ever mix"),
    ("you want your parents off your back", "being treated like a kid makes you want to dig "
     "your heels in", "your parents", "live with your parents"),
    ("you feel more creative when you're high", "being high feels like being more fully "
     "yourself", "being creative", "paint when you're high"),
    ("you don't have a plan for New Year", "big nights out are when things get away from you",
     "New Year", "have plans for New Year"),
    ("you'd cut down if it meant keeping your flat", "your home matters more to you than the "
     "drinking does", "your flat", "worry about losing the flat"),
    ("you've stopped going to the gym", "you miss the person who used to take care of "
     "themselves", "the gym", "still exercise"),
    ("you wake up and the first thing you think about is using", "it feels like it's running "
     "the day instead of you", "first thing in the morning", "think about it as soon as you wake"),
    ("your girlfriend uses with you", "changing your use could change your relationship too",
     "your girlfriend", "use together"),
]

# Frames. `{f}` fact, `{F}` the fact capitalised, `{m}` meaning, `{M}` meaning capitalised,
# `{s}` subject, `{q}` the yes/no body. Each list is split: the last quarter is held out.
SIMPLE = [
    "{F}.", "So {f}.", "It sounds like {f}.", "Sounds like {f}.", "You're saying {f}.",
    "So {f}?", "{f}", "mm so {f}", "Right, {f}.", "What I'm hearing is {f}.", "You said {f}.",
    "Okay, so {f}.", "{F}, that's where things are right now.", "So for you, {f}.",
    "It seems {f}.", "If I've got this right, {f}.", "So basically {f}", "{F}?",
    "ok so {f}", "You're telling me {f}.", "So what you're saying is {f}.",
    "Let me see if I have it: {f}.", "Uh huh, {f}.", "I hear that {f}.",
]
COMPLEX = [
    "It sounds like {m}.", "{M}.", "So {m}.", "Maybe {m}.", "I'm guessing {m}.",
    "I wonder if {m}.", "It's almost as if {m}.", "{m}", "sounds like {m}",
    "It seems like {m}.", "So {f}, and {m}.", "{F}, and I get the sense {m}.",
    "You're telling me {f}, and underneath that {m}.", "{M}, maybe?", "So really, {m}.",
    "Part of what I'm hearing is that {m}.", "Could be that {m}.", "If I'm hearing you right, {m}.",
    "{M}, is that it?", "So it's not just that {f}; {m}.", "Seems like {m}",
    "What strikes me is that {m}.", "{F}, and {m}.", "Sounds as though {m}.",
]
DOUBLE = [
    "On the one hand {f}, and on the other hand {m}.", "Part of you {p1}, and part of you {p2}.",
    "So {p1_you}, and at the same time {p2_you}.", "{P1_you}, and yet {p2_you}.",
    "You {p1} but you also {p2}.", "There's a side of you that {p1} and another side that {p2}.",
    "So {p1_you}, but {p2_you}.", "On one side {p1_you}; on the other, {p2_you}.",
]
# two sides for double-sided reflections (sustain, change) written as "you ..." and bare verbs
SIDES: list[tuple[str, str]] = [
    ("enjoy the nights out", "are worried about the mornings after"),
    ("like how drinking relaxes you", "hate how you feel about it the next day"),
    ("want to keep using", "want to stay out of hospital"),
    ("don't think it's a big deal", "noticed your kids are upset"),
    ("need something to help you sleep", "wish you didn't depend on it"),
    ("feel more confident on coke", "can't afford it anymore"),
    ("want people to leave you alone about it", "can see why they worry"),
    ("are proud of how you handle it", "have started hiding it"),
    ("like being high with your friends", "are falling behind at college"),
    ("feel the pills help", "are scared of running out"),
    ("don't want to go to meetings", "want some kind of support"),
    ("are happy with how things are", "keep bringing up your health"),
    ("think cutting down would be boring", "miss feeling clear-headed"),
    ("want to keep the weekends", "want your Mondays back"),
    ("trust your dealer", "know the supply has changed"),
    ("think you can stop any time", "haven't gone a week without in months"),
]
OPEN = [
    "What {o}?", "Tell me about {s}.", "Tell me more about {s}", "How do you feel about {s}?",
    "What's {s} like for you?", "What worries you about {s}?", "What would you like to be "
    "different about {s}?", "How does {s} fit into your week?", "What do you make of {s}?",
    "What's the best thing about {s}?", "What's the not so good thing about {s}?",
    "how do you see {s}", "What else can you tell me about {s}?", "Help me understand {s}.",
    "What would it be like if {s} changed?", "How has {s} been lately?",
    "what happens with {s}", "Say more about {s}?", "I'd like to hear more about {s}.",
    "Walk me through {s}.", "What matters to you about {s}?", "How did {s} start?",
    "What's your sense of {s}?", "In what ways does {s} affect you?",
    "Why do you think {f}?", "How come {f}?", "What happens when {f}?",
    "What's it like when {f}?", "What do you think would happen if things stayed the same?",
]
OPEN_FREE = [
    "What would you like to talk about today?", "What brings you in?", "How are things?",
    "What else?", "And then what happened?", "How did that go?", "What do you want for "
    "yourself?", "What makes this important to you now?", "Where does that leave you?",
    "What have you tried before?", "How would you know things were getting better?",
    "What would your best friend say about all this?", "What do you think?",
    "What might be a first step?", "What would help?", "How was your week?",
    "What's been on your mind since last time?", "what do you reckon", "How do you mean?",
    "What does a good day look like for you?", "What would need to happen for you to feel "
    "ready?", "What's different about the times you don't use?", "Tell me what happened.",
    "How do you want things to be a year from now?", "What stops you?",
    "What are your thoughts on that?", "How's that been for you", "What's that like?",
    "What keeps you going?", "what was going through your mind",
]
CLOSED = [
    "Do you {q}?", "do you {q}", "Have you ever thought about whether you {q}?",
    "Would you say you {q}?", "So do you {q}?", "And do you {q}?", "Do you still {q}?",
    "Do you {q} then?", "Is it true that you {q}?", "Do you ever {q}?",
]
CLOSED_FREE = [
    "Is that right?", "Are you okay?", "Did that help?", "Was that the first time?",
    "How many drinks is that a night?", "How often do you use?", "When did you last use?",
    "Is it mostly at weekends?", "Are you using at the moment?", "Did you drink yesterday?",
    "Have you had any withdrawal symptoms?", "Are you on any medication?", "Is that every day?",
    "How old were you when you started?", "Do you live alone?", "Are you working at the "
    "moment?", "Have you been to a clinic before?", "Was anyone with you?", "Does your partner "
    "know?", "Can you remember how much you had?", "Is it beer or spirits?", "Have you "
    "ever overdosed?", "are you still using", "Did you sleep last night", "Was it a good week?",
    "Is your doctor aware?", "Would you like a glass of water?", "Are you sure?",
    "How many days a week do you smoke?", "Is it the same amount every time?",
    "Did you go to work today?", "Have you got naloxone at home?", "Is that ok?",
    "Will you be seeing your brother this week?", "Is it still bothering you?",
    "Did your mum drive you here?", "Do you want to stop?", "Are you ready to change?",
    "Can you cut down?", "Would you be willing to stop?", "Have you tried quitting?",
]
AFFIRM = [
    "You came in today even though it wasn't easy.", "That took a lot of courage.",
    "You clearly care a lot about {v}.", "Good for you for {g}.", "You've really thought "
    "about this.", "That's a real strength.", "You've been very honest with me today.",
    "You're someone who doesn't give up easily.", "It's impressive that you {a}.",
    "Well done for {g}.", "You handled that really well.", "You know a lot about keeping "
    "yourself safe.", "That shows how much {v} means to you.", "You've worked hard for that.",
    "you're really determined", "You've already made some big changes.",
    "It took guts to say that.", "You're a good friend to {person}.", "You put a lot of "
    "effort into {g}.", "You stuck with it even when it got hard.", "That was a smart move.",
    "You're really resourceful.", "You've got good instincts about what works for you.",
    "That was a brave thing to do.", "You showed a lot of care there.",
    "You've been thinking about this carefully.", "You're a loving parent.",
    "It says a lot about you that you {a}.", "That's a big achievement.",
    "Nice work {g}.", "you did really well there", "Even on a bad week you {a}.",
]
VALUES = ["your kids", "your health", "your job", "your family", "your friends", "your "
          "independence", "your partner", "being a good dad", "your studies", "your home"]
EFFORTS = ["coming back this week", "carrying naloxone", "keeping a diary of your use",
           "telling your partner", "trying the three days", "planning ahead for Friday",
           "asking for help", "going to the doctor", "using a new needle every time",
           "eating before you drink", "walking away from that party", "sticking to your plan"]
ACHIEVE = ["kept a diary all week", "went three days without", "told your doctor the truth",
           "kept yourself safe all weekend", "thought about your kids in the middle of all "
           "that", "came back after a hard week", "made a plan for the weekend", "asked for "
           "what you needed"]
PEOPLE = ["your brother", "your mates", "your girlfriend", "your mum", "your cousin"]
SEEK = [
    "Would it be okay if we talked about {s}?", "Can I share something that other people have "
    "found helpful?", "What do you think we should focus on today?", "Where would you like to "
    "start?", "How would you like to use our time today?", "Let's figure this out together.",
    "Is it alright if I tell you a bit about {i}?", "What would be most useful to talk about?",
    "Let's see what might work for you, together.", "Would you like to hear what I know about "
    "{i}?", "May I offer an idea?", "Would it help if we looked at {s} together?",
    "I have some information about {i}, would you like it?", "Mind if I ask about {s}?",
    "Can we put our heads together on {s}?", "How about we work out a plan together?",
    "What ideas do you have? I'd like us to come up with something that suits you.",
    "Is it okay if I make a suggestion?", "I'd like to hear your thoughts before I say "
    "anything.", "We could look at {s} if you want, or something else. What feels right?",
    "Would you be up for thinking this through together?", "can I share an idea",
    "You're the expert on your life, so let's work on this as a team.",
    "Is now a good time to talk about {s}, or would you rather leave it?",
]
INFO_SUBJECTS = ["naloxone", "mixing drinks and pills", "tolerance", "safer injecting",
                 "how withdrawal works", "the local needle exchange", "cutting down safely",
                 "fentanyl test strips", "units of alcohol", "what happens to sleep"]
AUTONOMY = [
    "It's up to you {w}.", "Only you can decide {w}.", "It's your call.", "You're the one "
    "who gets to decide {w}.", "Whatever you decide, that's your choice.", "Nobody can make "
    "that decision for you.", "You don't have to change anything you don't want to.",
    "You might decide {w_alt}, or you might not, and either way it's your choice.",
    "It's your life and your decision.", "You know yourself better than anyone.",
    "That's completely up to you.", "you get to choose", "You decide what happens next.",
    "How much you change, if at all, is up to you.", "You're free to take it or leave it.",
    "No one can make you {x}.", "It's your choice whether you {x}.", "You get to decide {w}.",
    "This is your decision, not mine.", "Only you know what's right for you.",
    "Whether you {x} is entirely up to you.", "I won't tell you what to do, it's your life.",
]
WHATS = ["what you do next", "whether to cut down", "what changes, if any", "how fast to go",
         "what to do about the weekends", "whether this is a problem for you", "what happens "
         "with the pills", "how much is too much for you"]
WHAT_ALT = ["to cut down", "to keep things as they are", "to try a week off", "to talk to "
            "your doctor", "to switch to smoking"]
XS = ["cut down", "stop", "go to meetings", "tell your family", "change anything", "take a "
      "break", "use less at weekends"]
INFO = [
    "Naloxone can reverse an opioid overdose while you wait for an ambulance.",
    "Tolerance drops quickly after a few days off, so the same amount hits harder.",
    "Mixing alcohol with benzos slows your breathing more than either on its own.",
    "The guideline here is no more than 14 units a week, spread over a few days.",
    "Stopping drinking suddenly after heavy daily use can be dangerous, so it's best done with "
    "medical support.", "Fentanyl test strips can show whether a batch has fentanyl in it.",
    "The needle exchange on the high street is open until six.",
    "Using with someone else around means there's someone to call for help.",
    "A bottle of wine is about ten units.", "Cannabis can affect sleep quality even when it "
    "helps you fall asleep.", "Coming down from stimulants often brings low mood for a few "
    "days.", "Methadone doses can be adjusted if you're still getting cravings.",
    "Many people find their sleep gets worse for a week or two after cutting down, then "
    "better.", "Smoking instead of injecting lowers the risk of overdose and infections.",
    "Eating before you drink slows how fast the alcohol gets into your blood.",
    "Research shows that small changes often lead to bigger ones.",
    "Some people find it helps to count drinks on their phone.", "One thing we know is that "
    "cravings usually peak and pass within about twenty minutes.", "The clinic runs a group "
    "on Thursdays if you ever want to try it.", "Heavy cannabis use can make anxiety worse "
    "for some people.", "Most overdoses happen when people use alone.", "Your GP can check "
    "your liver with a simple blood test.", "cravings tend to come in waves", "People who "
    "set their own goals tend to stick to them longer.", "Alcohol is a depressant, so it can "
    "lower your mood the next day.", "The first days after release are the riskiest for "
    "overdose.", "Spacing drinks with water slows the night down for a lot of people.",
    "Benzos and opioids together are behind a lot of overdose deaths.",
    "Some people switch to lower strength beer as a first step.", "Stimulants raise your "
    "heart rate and blood pressure.", "You can get naloxone free from the pharmacy.",
    "Withdrawal from cannabis is usually mild but can mess with sleep for a week.",
]
PERSUADE = [
    "You should {d}.", "You need to {d}.", "You have to {d}.", "You really ought to {d}.",
    "Why don't you {d}?", "Have you thought about trying to {d}?", "I think you should {d}.",
    "The best thing you can do is {d}.", "If I were you I'd {d}.", "You must {d}.",
    "{D}, it'll help.", "you should {d}", "If you don't {d}, things will only get worse.",
    "Just {d}.", "My advice is to {d}.", "It would be better for you to {d}.",
    "I'd strongly recommend you {d}.", "You've got to {d}.", "What you need to do is {d}.",
    "Honestly, you'd be much better off if you {d}.", "Don't you think you should {d}?",
    "Try to {d}.", "I want you to {d} this week.", "The sensible thing is to {d}.",
]
ADVICE = ["stop drinking", "go to AA", "cut down", "tell your doctor", "quit for good",
          "throw out your stash", "stay away from those friends", "get into rehab",
          "stop using on your own", "start going to the gym instead", "find a new job",
          "just say no next time", "get a sponsor", "stop mixing", "switch to beer",
          "stop buying from him", "move out", "delete your dealer's number"]
CONFRONT = [
    "You're in denial.", "That's just an excuse.", "Come on, you know that's not true.",
    "You're kidding yourself.", "Be honest, you're an addict.", "Don't you care about {v}?",
    "How can you say that when {f}?", "You keep saying that but nothing changes.",
    "That's not true and you know it.", "You're not taking this seriously.",
    "You obviously have a problem.", "Why do you keep lying to yourself?",
    "You're just making excuses again.", "Stop blaming everyone else.", "You're going to kill "
    "yourself if you carry on like this.", "Well that didn't work, did it?", "You said that "
    "last time too.", "Let's be real, you're drinking way too much.", "you're an alcoholic",
    "You can't seriously think that's normal.", "That's a pretty selfish way to look at it.",
    "Look at where this has got you.", "Can't you see what you're doing to {v}?",
    "Do you really expect me to believe that?", "You're the only one who doesn't see it.",
    "Frankly, that's ridiculous.", "It's obvious you're dependent.", "So you admit you have "
    "a problem.", "You knew this would happen.", "Nobody drinks like that without a problem.",
]
OTHER = [
    "Okay.", "Mm-hm.", "Right.", "I see.", "Let's get started.", "We have about ten minutes "
    "left.", "I'll see you next week.", "Let me just check the time.", "Hello, I'm Sam, one of "
    "the counsellors here.", "Sorry, go on.", "Thanks for coming in today.", "I'm going to "
    "write that down.", "Let me get my notes.", "Hi.", "Yeah.", "Hmm.", "Sure.", "Uh huh",
    "ok", "Sorry, I lost my train of thought.", "Let's take a short break.", "I need to ask "
    "some standard questions for the form.", "The room is booked until three.", "Can you hear "
    "me okay on the call?", "Sorry about the noise outside.", "I'll send you the "
    "appointment letter.", "Today we'll talk for about fifty minutes.", "Good morning.",
    "Take a seat.", "oh right", "Got it.", "Let me think about that for a second.",
    "I'm just going to close the window.", "We'll pick that up next time.", "Bye for now.",
    "Nice to meet you.", "One moment.", "Sorry, my phone.", "I'm back.", "Okay, go ahead.",
    "Interesting.", "Fair enough.", "I had a similar week myself.", "I'll be honest, I'm "
    "tired today.", "We covered that last time.", "This is the consent form.",
    "Let's start where we left off.", "Yes.", "No.", "True.", "Exactly.",
]

# Second round: forms the first round lacked (feelings said plainly, short facts without a
# stem, more ways of pushing and challenging). Split the same way.
FEELINGS = ["fed up", "worn out", "frightened", "angry", "ashamed", "torn", "relieved",
            "frustrated", "hopeful", "uneasy", "guilty", "let down", "overwhelmed",
            "embarrassed", "confused", "unsettled", "cornered", "hurt"]
HARD = ["really hard", "exhausting", "scary", "like a lot to carry", "painful", "frustrating",
        "lonely", "a real worry", "a big loss", "unfair"]
FEEL = [
    "You're {feeling}.", "You feel {feeling} about {s}.", "You're {feeling} about {s}.",
    "That sounds {hard}.", "It's been {hard} for you.", "You're feeling {feeling} right now.",
    "{s_cap} has left you feeling {feeling}.", "you're pretty {feeling}", "It must be {hard}.",
    "Sounds like you're {feeling} with all of it.", "You're {feeling} and {feeling2}.",
    "It's {hard}, {s}.",
]
SHORT_FACTS = [
    "Most nights.", "Twice last week.", "Since you were sixteen.", "Your brother and his mates.",
    "About forty pounds a week.", "Mostly on your own.", "Your GP sent you.", "The court "
    "ordered it.", "Three days without.", "It's mostly cider.", "Every weekend since summer.",
    "A couple of lines on a Friday.", "Half a bottle before bed.", "Your girlfriend found it.",
    "Just at parties.", "Four years now.", "Straight after work.", "The pills came from a "
    "friend.", "You've got a little girl.", "It started at uni.", "Your mum pays the rent.",
    "Two grams over the weekend.", "Since the accident.", "Your appointment is on Friday.",
    "You moved back home in May.", "The methadone is at nine every morning.",
    "Your sister doesn't know.", "Only when you can't sleep.",
]
SHORT_FRAMES = ["{short}", "So, {short_low}", "{short_stem}", "Right, {short_low}",
                "Okay. {short}", "{short} Right."]
PERSUADE_MORE = [
    "Maybe try to {d}.", "Why not {d}?", "I'd {d} if I were you.", "You really need to think "
    "about {v}.", "Please {d}.", "{D} as soon as you can.", "It's time to {d}.",
    "Promise me you'll {d}.", "You can't keep going like this, you need to {d}.",
    "The only answer is to {d}.", "Go on, {d}.", "Surely the answer is to {d}.",
]
EXCUSES = ["making excuses", "blaming your job", "fooling yourself", "telling me what I want "
           "to hear", "blaming your mum", "minimising it"]
PROBLEMS = ["have a problem", "can't handle it", "aren't coping", "are hooked", "can't stop"]
LABELS = ["drinker", "user", "addict", "heavy drinker"]
BAD_ENDS = ["lose your kids", "lose your job", "end up in hospital", "end up on the street",
            "lose everything"]
CONFRONT_MORE = [
    "You're just {excuse}.", "You clearly {problem}.", "That's what every {label} tells me.",
    "You're going to {bad} if you don't {d}.", "Admit it, you {problem}.",
    "You can't keep pretending it's fine.", "Stop {excuse}.", "Face it, you {problem}.",
    "Nobody believes you're in control.", "Honestly, you {problem} and everyone can see it.",
    "Wake up, you'll {bad}.", "Be serious for once.",
]
QUALITIES = ["a caring person", "a hard worker", "a thoughtful person", "someone who keeps "
             "their word", "a good mum", "really resilient", "brave", "honest with yourself"]
AFFIRM_MORE = [
    "It's great that you {a}.", "That's a big step, {g}.", "You did well {g}.",
    "You're clearly {quality}.", "I'm impressed you {a}.", "Good on you for {g}.",
    "That shows real strength.", "You should be proud of {g}.", "You worked that out "
    "yourself.", "You've got a lot going for you.", "That's a really good plan.",
    "You're {quality}.",
]
TOGETHER = ["weigh up the pros and cons", "think through the weekend together",
            "make a plan that suits you", "see what options there are", "work out a first "
            "step together", "look at what's worked before"]
SEEK_MORE = [
    "Shall we {together}?", "Could we {together}?", "How about we {together}?",
    "I wonder if we could {together}.", "Would you like to {together}?", "Maybe we can "
    "{together}, if you like.", "What would you like to get out of our time?",
    "Where do you want to take this?", "Is it okay with you if we {together}?",
]
AUTONOMY_MORE = [
    "You're in charge of {w}.", "You don't have to decide {w} today.", "Take what's useful "
    "and leave the rest.", "You're the best judge of {w}.", "You can say no to any of this.",
    "It's for you to decide {w}.", "Whatever you choose, it's your call, not mine.",
    "You can change your mind at any point.", "You decide how fast we go.",
]
OTHER_MORE = [
    "Let's begin.", "Right, let's go on.", "Okay, thank you.", "I'll see you on Monday.",
    "Let me find my diary.", "Sorry, I didn't catch that.", "Hello there.", "Come in.",
    "Thanks.", "Okay, good.", "Mhm.", "Alright.", "Let me write that down quickly.",
    "We'll stop there.", "See you soon.", "Excuse me a second.",
]
OPEN_MORE = [
    "Describe {s} for me.", "What do you like about {s}?", "How would {s} look if it went "
    "well?", "What's the hardest part of {s}?", "What have you noticed about {s}?",
    "Where does {s} leave you?", "What part does {s} play for you?",
]
CLOSED_MORE = [
    "Are things better with {s} now?", "Is {s} still a problem?", "you still {q}?",
    "Were you {feeling} about it?", "Has {s} changed?", "Will you {x}?", "Was it {hard}?",
    "Is {s} getting worse?",
]

# Third round: plain facts about the client's life, said back (simple reflections need not
# touch the substance at all).
YOU_FACTS = [
    "you work nights", "you live with your mum", "you have two kids", "you've been at the "
    "warehouse for ten years", "you started at fourteen", "you moved here last spring",
    "you're back at college", "you share a flat with your cousin", "you lost your licence",
    "you see your daughter on Sundays", "you go out on Fridays", "you've got a new job",
    "you've been off work since June", "you split up with your partner in the summer",
    "you get paid on Thursdays", "you haven't seen your dad for years", "you walk the dog "
    "every morning", "you've got court next month", "you're on a waiting list for housing",
    "you smoke about ten cigarettes a day", "your mum looks after the kids at weekends",
    "your brother got out of prison in May", "your best friend moved away", "your doctor "
    "changed your tablets", "your shift finishes at ten", "you're thirty next year",
    "you've been sleeping on a friend's sofa", "you play football on Saturdays",
    "you've been going to the gym again", "you drink coffee all day at work",
    "you used to be a chef", "you've had the flu this week", "you've got a dentist "
    "appointment on Friday", "you keep a diary", "your landlord wants the flat back",
    "you've been signed off sick", "you've got three weeks until your exams",
    "your partner works away a lot", "you have a sister in Leeds", "you grew up by the sea",
]
YOU_FRAMES = ["{You_fact}.", "So {you_fact}.", "{you_fact}", "And {you_fact}.",
              "Okay, {you_fact}.", "{You_fact}, right.", "So {you_fact} now.",
              "You mentioned {you_fact}.", "{You_fact}, you said.", "So at the moment {you_fact}."]
