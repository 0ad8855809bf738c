## The commune dashboard's charts: by village and by month.

chart-villages-title = By village
chart-people-trained = People trained
chart-people-all-five = People with all 5 skills
chart-households-at-target = Households at the target
chart-no-villages = No villages yet
chart-months-title = Households at the target, by month
chart-household-share = Share of households at the target
chart-target = Target
